package io.poco.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The arithmetic of poco.md §4 in exact integers. */
class ConsensusTest {

  @Test
  void weightsFromScores() {
    assertEquals(2, Consensus.weight(0));
    assertEquals(2, Consensus.weight(11));
    assertEquals(3, Consensus.weight(12));
    assertEquals(32, Consensus.weight(100));
    assertEquals(99, Consensus.weight(300));
    assertEquals(1, Consensus.rewardWeight(2) - 0);
    assertEquals(5, Consensus.rewardWeight(32));
    assertEquals(6, Consensus.rewardWeight(99));
    assertEquals(62, Consensus.rewardWeight(Long.MAX_VALUE));
  }

  @Test
  void theWorkedExampleOfSection4() {
    long trust = 100;
    BigInteger total = BigInteger.ONE;
    BigInteger g17 = BigInteger.ZERO;
    BigInteger g42 = BigInteger.ZERO;

    BigInteger d = Consensus.delta(g17, 3);
    g17 = g17.add(d);
    total = total.add(d);
    assertFalse(Consensus.reached(g17, total, trust));

    d = Consensus.delta(g42, 32);
    g42 = g42.add(d);
    total = total.add(d);
    assertFalse(Consensus.reached(g42, total, trust));

    d = Consensus.delta(g42, 99);
    g42 = g42.add(d);
    total = total.add(d);
    assertEquals(BigInteger.valueOf(3168), g42);
    assertEquals(BigInteger.valueOf(3172), total);
    assertTrue(Consensus.reached(g42, total, trust));
  }

  @Test
  void unanimousWeightTwoNeedsTwoToTheNAboveTrustMinusOne() {
    assertEquals(1, contributionsForConsensus(2));
    assertEquals(7, contributionsForConsensus(100));
    assertEquals(14, contributionsForConsensus(10_000));
    assertEquals(1, contributionsForConsensus(1));
  }

  @Test
  void theComparisonIsStrict() {
    // group 1, total 2, trust 2: 1·2 > 2·1 is false (credibility exactly 50 %).
    assertFalse(Consensus.reached(BigInteger.ONE, BigInteger.TWO, 2));
    assertTrue(Consensus.reached(BigInteger.TWO, BigInteger.valueOf(3), 2));
  }

  @Test
  void encodingRoundTripsBeyond64Bits() {
    BigInteger big = BigInteger.valueOf(99).pow(30);
    assertEquals(big, Consensus.decode(Consensus.encode(big)));
    assertEquals(BigInteger.ZERO, Consensus.decode(Consensus.encode(BigInteger.ZERO)));
    assertEquals(1, Consensus.encode(BigInteger.valueOf(255)).size());
  }

  private static int contributionsForConsensus(long trust) {
    BigInteger total = BigInteger.ONE;
    BigInteger group = BigInteger.ZERO;
    for (int n = 1; n < 100; n++) {
      BigInteger d = Consensus.delta(group, 2);
      group = group.add(d);
      total = total.add(d);
      if (Consensus.reached(group, total, trust)) {
        return n;
      }
    }
    return -1;
  }
}
