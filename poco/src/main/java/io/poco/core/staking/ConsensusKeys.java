package io.poco.core.staking;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** CometBFT's Ed25519 consensus keys and their addresses. */
public final class ConsensusKeys {

  /** Length of an Ed25519 public key. */
  public static final int PUBKEY_LENGTH = 32;

  private ConsensusKeys() {}

  /** CometBFT's validator address: the first 20 bytes of sha256 of the public key. */
  public static ByteString address(ByteString pubkey) {
    if (pubkey.size() != PUBKEY_LENGTH) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(pubkey.toByteArray());
      return ByteString.copyFrom(hash, 0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }

  /** Upper-case hex, as CometBFT prints validator addresses. */
  public static String hex(ByteString bytes) {
    return HexFormat.of().withUpperCase().formatHex(bytes.toByteArray());
  }
}
