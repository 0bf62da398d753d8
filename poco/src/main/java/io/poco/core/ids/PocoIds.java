package io.poco.core.ids;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Keccak;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The identifiers of PoCo. Registry ids are the last 20 bytes of {@code keccak256(kind ‖ owner ‖
 * nonce)} ({@code nonce} as 8 big-endian bytes); deal and task ids follow iExec's encodings with
 * 32-byte big-endian integers: {@code dealId = keccak256(requestOrderHash ‖ consumedBefore)},
 * {@code taskId = keccak256(dealId ‖ idx)}.
 */
public final class PocoIds {

  /** The zero address: "anyone" in a restriction, "none" for an optional resource. */
  public static final ByteString ZERO_ADDRESS = ByteString.copyFrom(new byte[Address.LENGTH]);

  private static final byte[] APP = "poco.app".getBytes(StandardCharsets.UTF_8);
  private static final byte[] DATASET = "poco.dataset".getBytes(StandardCharsets.UTF_8);
  private static final byte[] WORKERPOOL = "poco.workerpool".getBytes(StandardCharsets.UTF_8);

  private PocoIds() {}

  public static Address appId(Address owner, long nonce) {
    return registryId(APP, owner, nonce);
  }

  public static Address datasetId(Address owner, long nonce) {
    return registryId(DATASET, owner, nonce);
  }

  public static Address workerpoolId(Address owner, long nonce) {
    return registryId(WORKERPOOL, owner, nonce);
  }

  public static ByteString dealId(ByteString requestOrderHash, long consumedBefore) {
    return Keccak.hash(requestOrderHash, uint256(consumedBefore));
  }

  public static ByteString taskId(ByteString dealId, long idx) {
    return Keccak.hash(dealId, uint256(idx));
  }

  /** A non-negative long as a 32-byte big-endian integer (Solidity's uint256). */
  public static ByteString uint256(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative uint256: " + value);
    }
    byte[] b = new byte[32];
    long v = value;
    for (int i = 31; i >= 24; i--) {
      b[i] = (byte) v;
      v >>>= 8;
    }
    return ByteString.copyFrom(b);
  }

  /** True when {@code bytes} is empty or all zero (an unset address or tag). */
  public static boolean isZero(ByteString bytes) {
    for (int i = 0; i < bytes.size(); i++) {
      if (bytes.byteAt(i) != 0) {
        return false;
      }
    }
    return true;
  }

  /** Lower-case {@code 0x}-prefixed hex, the form ids take in events and on the command line. */
  public static String hex(ByteString bytes) {
    return "0x" + HexFormat.of().formatHex(bytes.toByteArray());
  }

  private static Address registryId(byte[] kind, Address owner, long nonce) {
    byte[] n = new byte[8];
    long v = nonce;
    for (int i = 7; i >= 0; i--) {
      n[i] = (byte) v;
      v >>>= 8;
    }
    byte[] h = Keccak.hash(kind, owner.bytes().toByteArray(), n);
    return new Address(ByteString.copyFrom(h, 32 - Address.LENGTH, Address.LENGTH));
  }
}
