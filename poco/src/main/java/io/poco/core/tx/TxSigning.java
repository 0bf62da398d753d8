package io.poco.core.tx;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Keccak;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.crypto.Signature;
import io.poco.proto.v1.Tx;
import io.poco.proto.v1.TxBody;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The transaction signing digest of chain.md §1: {@code keccak256("\x19PoCo Signed Tx:\n" ‖
 * chain_id ‖ body_bytes)}.
 */
public final class TxSigning {

  private static final byte[] DOMAIN = "\u0019PoCo Signed Tx:\n".getBytes(StandardCharsets.UTF_8);

  private TxSigning() {}

  public static byte[] digest(String chainId, ByteString bodyBytes) {
    return Keccak.hash(DOMAIN, chainId.getBytes(StandardCharsets.UTF_8), bodyBytes.toByteArray());
  }

  /** Serialises {@code body} once and signs those exact bytes. */
  public static Tx sign(TxBody body, BigInteger privateKey) {
    ByteString bodyBytes = body.toByteString();
    Signature sig = Secp256k1.sign(privateKey, digest(body.getChainId(), bodyBytes));
    return Tx.newBuilder()
        .setBodyBytes(bodyBytes)
        .setSignature(ByteString.copyFrom(sig.encode()))
        .build();
  }
}
