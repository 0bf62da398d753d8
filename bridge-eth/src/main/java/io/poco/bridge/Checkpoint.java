package io.poco.bridge;

import java.math.BigInteger;

/**
 * {@code PocoBridge.Checkpoint}, fields in the contract's order: a range of sidechain heights, the
 * app hash at its end, the root of its withdrawals and the hash of the set that signs next.
 */
public record Checkpoint(
    BigInteger number,
    Bytes32 sidechainId,
    long startHeight,
    long endHeight,
    Bytes32 appHash,
    Bytes32 withdrawalRoot,
    Bytes32 nextValsetHash) {
  /** Heights are uint64 on the contract; Java longs here, used as unsigned. */
  public Checkpoint {
    if (number.signum() < 0) {
      throw new IllegalArgumentException("number is unsigned");
    }
  }
}
