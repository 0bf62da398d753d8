package io.poco.core.params;

import io.poco.core.exec.Schema;
import io.poco.proto.v1.Category;
import io.poco.proto.v1.PocoParams;
import io.poco.state.KeyValueReader;
import java.util.OptionalLong;

/** Reads the PoCo parameters; the defaults are those of poco.md §2. */
public final class PocoParamsKeeper {

  private PocoParamsKeeper() {}

  /** The default reversal window: 14 days (poco.md §7). */
  public static final long DEFAULT_REVERSAL_WINDOW = 1_209_600L;

  /** The reversal window in seconds (poco.md §7). */
  public static long reversalWindow(KeyValueReader state) {
    PocoParams params = get(state);
    return params.hasReversalWindowSeconds()
        ? params.getReversalWindowSeconds()
        : DEFAULT_REVERSAL_WINDOW;
  }

  /** The default blacklist of a caught worker: 30 days (poco.md §7). */
  public static final long DEFAULT_BLACKLIST_DURATION = 2_592_000L;

  /** Defaults of poco.md §6. */
  public static final long DEFAULT_VERIFIER_BOND = 1_000L * 1_000_000_000L;

  public static final long DEFAULT_VERIFIER_MIN_SCORE = 100;
  public static final int DEFAULT_SPOT_CHECK_PPM = 50_000;
  public static final int DEFAULT_VERIFIERS_PER_CHECK = 1;
  public static final long DEFAULT_SPOT_CHECK_FEE = 100_000_000L;
  public static final long DEFAULT_CHALLENGE_BOND = 100L * 1_000_000_000L;

  /** Seconds a caught worker is blacklisted. */
  public static long blacklistDuration(KeyValueReader state) {
    PocoParams p = get(state);
    return p.hasBlacklistDurationSeconds()
        ? p.getBlacklistDurationSeconds()
        : DEFAULT_BLACKLIST_DURATION;
  }

  public static long verifierBond(KeyValueReader state) {
    PocoParams p = get(state);
    return p.hasVerifierBond() ? p.getVerifierBond() : DEFAULT_VERIFIER_BOND;
  }

  public static long verifierMinScore(KeyValueReader state) {
    PocoParams p = get(state);
    return p.hasVerifierMinScore() ? p.getVerifierMinScore() : DEFAULT_VERIFIER_MIN_SCORE;
  }

  /** q × 10^6. */
  public static int spotCheckPpm(KeyValueReader state) {
    PocoParams p = get(state);
    return p.hasSpotCheckPpm() ? p.getSpotCheckPpm() : DEFAULT_SPOT_CHECK_PPM;
  }

  /** r. */
  public static int verifiersPerCheck(KeyValueReader state) {
    PocoParams p = get(state);
    return p.hasVerifiersPerCheck() ? p.getVerifiersPerCheck() : DEFAULT_VERIFIERS_PER_CHECK;
  }

  public static long spotCheckFee(KeyValueReader state) {
    PocoParams p = get(state);
    return p.hasSpotCheckFee() ? p.getSpotCheckFee() : DEFAULT_SPOT_CHECK_FEE;
  }

  public static long challengeBond(KeyValueReader state) {
    PocoParams p = get(state);
    return p.hasChallengeBond() ? p.getChallengeBond() : DEFAULT_CHALLENGE_BOND;
  }

  public static PocoParams defaults() {
    return PocoParams.newBuilder()
        .addCategories(category("XS", 300))
        .addCategories(category("S", 1_200))
        .addCategories(category("M", 3_600))
        .addCategories(category("L", 10_800))
        .addCategories(category("XL", 36_000))
        .setReversalWindowSeconds(DEFAULT_REVERSAL_WINDOW)
        .build();
  }

  public static PocoParams get(KeyValueReader state) {
    return Schema.POCO_PARAMS.get(state, Schema.SINGLETON).orElseGet(PocoParamsKeeper::defaults);
  }

  /** The reference time of {@code category}, or empty when there is no such category. */
  public static OptionalLong timeref(KeyValueReader state, long category) {
    PocoParams params = get(state);
    if (category < 0 || category >= params.getCategoriesCount()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(params.getCategories((int) category).getTimerefSeconds());
  }

  private static Category category(String name, long timeref) {
    return Category.newBuilder().setName(name).setTimerefSeconds(timeref).build();
  }
}
