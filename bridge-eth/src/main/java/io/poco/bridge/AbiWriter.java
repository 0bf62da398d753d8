package io.poco.bridge;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import org.web3j.abi.datatypes.Address;
import org.web3j.utils.Numeric;

/** Appends Solidity ABI words (32 bytes, big-endian, left-padded) to a growing byte array. */
public final class AbiWriter {
  private static final BigInteger WORD_LIMIT = BigInteger.ONE.shiftLeft(256);

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** The 4-byte selector of {@code signature}. */
  public AbiWriter selector(String signature) {
    out.writeBytes(Keccak.selector(signature));
    return this;
  }

  /** An unsigned integer word; {@code value} must be in [0, 2^256). */
  public AbiWriter uint(BigInteger value) {
    if (value.signum() < 0 || value.compareTo(WORD_LIMIT) >= 0) {
      throw new IllegalArgumentException("not a uint256: " + value);
    }
    out.writeBytes(Numeric.toBytesPadded(value, 32));
    return this;
  }

  /** An unsigned integer word from a long read as unsigned (uint64 heights). */
  public AbiWriter uint(long unsigned) {
    return uint(new BigInteger(Long.toUnsignedString(unsigned)));
  }

  /** An address word (12 zero bytes, then the 20 bytes). */
  public AbiWriter address(Address address) {
    return uint(address.toUint().getValue());
  }

  /** A bytes32 word. */
  public AbiWriter bytes32(Bytes32 value) {
    out.writeBytes(value.toArray());
    return this;
  }

  /** Bytes as they are (already ABI-encoded parts). */
  public AbiWriter raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  /** The number of bytes written so far. */
  public int size() {
    return out.size();
  }

  /** The bytes written so far. */
  public byte[] toByteArray() {
    return out.toByteArray();
  }
}
