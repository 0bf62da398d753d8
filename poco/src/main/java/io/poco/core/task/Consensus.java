package io.poco.core.task;

import com.google.protobuf.ByteString;
import java.math.BigInteger;

/**
 * The consensus arithmetic of poco.md §4 in exact integers. A group's value is the product of its
 * contributors' weights; the total starts at 1 and grows by the same deltas; consensus on a group
 * holds when {@code group × trust > total × (trust − 1)}.
 */
public final class Consensus {

  private Consensus() {}

  /** {@code w = max(floor(s / 3), 3) − 1}: at least 2. */
  public static long weight(long score) {
    if (score < 0) {
      throw new IllegalArgumentException("negative score");
    }
    return Math.max(score / 3, 3) - 1;
  }

  /** {@code floor(log2(w))}, the contribution's share weight at finalize. */
  public static int rewardWeight(long weight) {
    if (weight <= 0) {
      throw new IllegalArgumentException("weight must be positive");
    }
    return 63 - Long.numberOfLeadingZeros(weight);
  }

  /** {@code max(group, 1) × w − group}: what a contribution of weight w adds to its group. */
  public static BigInteger delta(BigInteger group, long weight) {
    return group.max(BigInteger.ONE).multiply(BigInteger.valueOf(weight)).subtract(group);
  }

  /** {@code group × trust > total × (trust − 1)}, strictly. */
  public static boolean reached(BigInteger group, BigInteger total, long trust) {
    BigInteger t = BigInteger.valueOf(trust);
    return group.multiply(t).compareTo(total.multiply(t.subtract(BigInteger.ONE))) > 0;
  }

  /** Unsigned big-endian bytes (empty for zero), the form stored in state. */
  public static ByteString encode(BigInteger value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("negative consensus value");
    }
    if (value.signum() == 0) {
      return ByteString.EMPTY;
    }
    byte[] b = value.toByteArray();
    int skip = b[0] == 0 ? 1 : 0;
    return ByteString.copyFrom(b, skip, b.length - skip);
  }

  public static BigInteger decode(ByteString bytes) {
    return bytes.isEmpty() ? BigInteger.ZERO : new BigInteger(1, bytes.toByteArray());
  }
}
