package io.poco.bridge;

import java.util.Arrays;
import java.util.HexFormat;

/** A 32-byte value (hash, root, id) with value equality; the array is copied in and out. */
public final class Bytes32 implements Comparable<Bytes32> {
  /** All zero bytes. */
  public static final Bytes32 ZERO = new Bytes32(new byte[32]);

  private final byte[] value;

  private Bytes32(byte[] value) {
    this.value = value;
  }

  /** Wraps a copy of {@code bytes}, which must be 32 bytes long. */
  public static Bytes32 of(byte[] bytes) {
    if (bytes.length != 32) {
      throw new IllegalArgumentException("expected 32 bytes, got " + bytes.length);
    }
    return new Bytes32(bytes.clone());
  }

  /** Parses 64 hex digits, with or without a {@code 0x} prefix. */
  public static Bytes32 fromHex(String hex) {
    String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    return of(HexFormat.of().parseHex(digits));
  }

  /** A copy of the 32 bytes. */
  public byte[] toArray() {
    return value.clone();
  }

  /** {@code 0x} and 64 lower-case hex digits. */
  public String toHex() {
    return "0x" + HexFormat.of().formatHex(value);
  }

  /** Whether every byte is zero. */
  public boolean isZero() {
    return equals(ZERO);
  }

  @Override
  public int compareTo(Bytes32 other) {
    return Arrays.compareUnsigned(value, other.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes32 other && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
