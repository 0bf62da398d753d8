package io.poco.core.crypto;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A recoverable secp256k1 signature in the 65-byte form {@code r ‖ s ‖ v} with {@code v} 27 or 28,
 * as Ethereum writes it.
 */
public record Signature(BigInteger r, BigInteger s, int recoveryId) {

  public static final int LENGTH = 65;

  public Signature {
    if (recoveryId != 0 && recoveryId != 1) {
      throw new IllegalArgumentException("recovery id must be 0 or 1");
    }
  }

  /** Decodes 65 bytes; returns null when the length or {@code v} is wrong. */
  public static Signature decode(byte[] b) {
    if (b.length != LENGTH) {
      return null;
    }
    int v = b[64] & 0xff;
    if (v != 27 && v != 28) {
      return null;
    }
    return new Signature(
        new BigInteger(1, Arrays.copyOfRange(b, 0, 32)),
        new BigInteger(1, Arrays.copyOfRange(b, 32, 64)),
        v - 27);
  }

  public byte[] encode() {
    byte[] out = new byte[LENGTH];
    put(r, out, 0);
    put(s, out, 32);
    out[64] = (byte) (27 + recoveryId);
    return out;
  }

  private static void put(BigInteger value, byte[] out, int offset) {
    byte[] raw = value.toByteArray();
    int len = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - len, out, offset + 32 - len, len);
  }
}
