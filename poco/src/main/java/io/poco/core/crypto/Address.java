package io.poco.core.crypto;

import com.google.protobuf.ByteString;
import java.util.HexFormat;
import java.util.Locale;

/** A 20-byte account address, derived from a secp256k1 public key as Ethereum does. */
public record Address(ByteString bytes) implements Comparable<Address> {

  public static final int LENGTH = 20;

  public Address {
    if (bytes.size() != LENGTH) {
      throw new IllegalArgumentException(
          "an address has " + LENGTH + " bytes, got " + bytes.size());
    }
  }

  /** The last 20 bytes of keccak256 of the 64-byte uncompressed public key (x ‖ y). */
  public static Address fromPublicKey(byte[] uncompressedXy) {
    if (uncompressedXy.length != 64) {
      throw new IllegalArgumentException("expected a 64-byte public key");
    }
    byte[] h = Keccak.hash(uncompressedXy);
    return new Address(ByteString.copyFrom(h, 12, LENGTH));
  }

  /** Parses {@code 0x}-prefixed (or bare) hex; throws IllegalArgumentException with a reason. */
  public static Address parse(String hex) {
    String s = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    if (s.length() != 2 * LENGTH) {
      throw new IllegalArgumentException(
          "an address is 40 hex digits (20 bytes), got " + s.length() + ": " + hex);
    }
    try {
      return new Address(ByteString.copyFrom(HexFormat.of().parseHex(s)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a hex address: " + hex, e);
    }
  }

  public static boolean isValid(ByteString bytes) {
    return bytes.size() == LENGTH;
  }

  public String toHex() {
    return "0x" + HexFormat.of().formatHex(bytes.toByteArray()).toLowerCase(Locale.ROOT);
  }

  @Override
  public int compareTo(Address other) {
    return ByteString.unsignedLexicographicalComparator().compare(bytes, other.bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
