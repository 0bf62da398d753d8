package io.poco.core.ids;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Keccak;
import java.nio.charset.StandardCharsets;

/**
 * The domains of everything signed off-chain in PoCo. A digest is {@code keccak256(domain ‖
 * keccak256(chain_id) ‖ payload)}: the domain keeps an order from passing as a contribution or a
 * transaction, and the hashed chain id (fixed length, so unambiguous) keeps it on one chain.
 */
public enum SigningDomain {
  APP_ORDER("\u0019PoCo AppOrder:\n"),
  DATASET_ORDER("\u0019PoCo DatasetOrder:\n"),
  WORKERPOOL_ORDER("\u0019PoCo WorkerpoolOrder:\n"),
  REQUEST_ORDER("\u0019PoCo RequestOrder:\n"),
  CONTRIBUTION("\u0019PoCo Contribution:\n"),
  AUTHORIZATION("\u0019PoCo Authorization:\n");

  private final byte[] prefix;

  SigningDomain(String prefix) {
    this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
  }

  /** The 32-byte digest of {@code payload} parts under this domain on {@code chainId}. */
  public byte[] digest(String chainId, ByteString... payload) {
    byte[][] parts = new byte[payload.length + 2][];
    parts[0] = prefix;
    parts[1] = Keccak.hash(chainId.getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < payload.length; i++) {
      parts[i + 2] = payload[i].toByteArray();
    }
    return Keccak.hash(parts);
  }
}
