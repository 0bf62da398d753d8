package io.poco.core.staking;

import io.poco.core.exec.Schema;
import io.poco.proto.v1.StakingParams;
import io.poco.state.KeyValueReader;

/** The staking parameters: defaults, genesis validation and the stored value. */
public final class StakingParamsKeeper {

  /** 1 RLC in nRLC: one unit of voting power. */
  public static final long NRLC_PER_POWER = 1_000_000_000L;

  /** Basis points in one whole. */
  public static final int BPS = 10_000;

  private StakingParamsKeeper() {}

  public static StakingParams defaults() {
    return StakingParams.newBuilder()
        .setUnbondingSeconds(21L * 24 * 3600)
        .setMaxValidators(100)
        .setMinSelfStake(NRLC_PER_POWER)
        .setEvidenceMaxAgeSeconds(48L * 3600)
        .setSignedBlocksWindow(100)
        .setMinSignedPercent(50)
        .setSlashDoubleSignBps(500)
        .setSlashDowntimeBps(100)
        .setDowntimeJailSeconds(600)
        .setMaxUnbondingEntries(7)
        .build();
  }

  /** The stored parameters, or the defaults when genesis wrote none (a pre-staking state). */
  public static StakingParams get(KeyValueReader state) {
    return Schema.STAKING_PARAMS
        .get(state, Schema.SINGLETON)
        .orElseGet(StakingParamsKeeper::defaults);
  }

  /**
   * Throws IllegalArgumentException naming the first unacceptable parameter. The unbonding period
   * must be at least the reversal window plus the evidence age, so stake never leaves before a
   * fault it backed can be punished.
   */
  public static void validate(StakingParams p, long reversalWindowSeconds) {
    if (p.getEvidenceMaxAgeSeconds() <= 0 || p.getEvidenceMaxAgeSeconds() > (1L << 40)) {
      throw new IllegalArgumentException("staking.evidence_max_age_seconds must be in 1..2^40");
    }
    long floor = Math.addExact(reversalWindowSeconds, p.getEvidenceMaxAgeSeconds());
    if (p.getUnbondingSeconds() < floor || p.getUnbondingSeconds() > (1L << 40)) {
      throw new IllegalArgumentException(
          "staking.unbonding_seconds must be at least the reversal window ("
              + reversalWindowSeconds
              + " s) plus the evidence age ("
              + p.getEvidenceMaxAgeSeconds()
              + " s) = "
              + floor
              + " s, and at most 2^40");
    }
    if (p.getMaxValidators() < 1 || p.getMaxValidators() > 10_000) {
      throw new IllegalArgumentException("staking.max_validators must be in 1..10000");
    }
    if (p.getMinSelfStake() < NRLC_PER_POWER) {
      throw new IllegalArgumentException(
          "staking.min_self_stake must be at least 1 RLC (" + NRLC_PER_POWER + " nRLC)");
    }
    if (p.getSignedBlocksWindow() < 1 || p.getSignedBlocksWindow() > 100_000) {
      throw new IllegalArgumentException("staking.signed_blocks_window must be in 1..100000");
    }
    if (p.getMinSignedPercent() < 1 || p.getMinSignedPercent() > 100) {
      throw new IllegalArgumentException("staking.min_signed_percent must be in 1..100");
    }
    if (p.getSlashDoubleSignBps() > BPS || p.getSlashDowntimeBps() > BPS) {
      throw new IllegalArgumentException("staking slash fractions must be at most 10000 bps");
    }
    if (p.getDowntimeJailSeconds() > (1L << 40)) {
      throw new IllegalArgumentException("staking.downtime_jail_seconds must be at most 2^40");
    }
    if (p.getMaxUnbondingEntries() < 1 || p.getMaxUnbondingEntries() > 1000) {
      throw new IllegalArgumentException("staking.max_unbonding_entries must be in 1..1000");
    }
  }

  /** floor(amount · bps / 10000), exact for any non-negative amount. */
  public static long fraction(long amount, int bps) {
    return Math.addExact(Math.multiplyExact(amount / BPS, (long) bps), (amount % BPS) * bps / BPS);
  }
}
