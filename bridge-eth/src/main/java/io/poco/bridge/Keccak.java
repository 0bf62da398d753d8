package io.poco.bridge;

import java.nio.charset.StandardCharsets;
import org.web3j.crypto.Hash;

/** Keccak-256 as Ethereum uses it. */
public final class Keccak {
  private Keccak() {}

  /** keccak256 of {@code bytes}. */
  public static Bytes32 hash(byte[] bytes) {
    return Bytes32.of(Hash.sha3(bytes));
  }

  /** keccak256 of the UTF-8 bytes of {@code text} (type strings, function signatures). */
  public static Bytes32 hash(String text) {
    return hash(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The 4-byte selector of a function or error signature such as {@code
   * "deposit(uint256,address)"}.
   */
  public static byte[] selector(String signature) {
    byte[] selector = new byte[4];
    System.arraycopy(hash(signature).toArray(), 0, selector, 0, 4);
    return selector;
  }
}
