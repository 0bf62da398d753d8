package io.poco.bridge;

/**
 * {@code PocoBridge.Signature}: a secp256k1 signature with {@code v} = 27 or 28, or the empty
 * signature ({@code v} = 0) that marks a validator who did not sign.
 */
public record Signature(int v, Bytes32 r, Bytes32 s) {
  /** The placeholder for a validator that did not sign. */
  public static final Signature EMPTY = new Signature(0, Bytes32.ZERO, Bytes32.ZERO);

  /** {@code v} is 0, 27 or 28. */
  public Signature {
    if (v != 0 && v != 27 && v != 28) {
      throw new IllegalArgumentException("v must be 0, 27 or 28: " + v);
    }
  }

  /** Whether this is the placeholder of a validator that did not sign. */
  public boolean isEmpty() {
    return v == 0;
  }
}
