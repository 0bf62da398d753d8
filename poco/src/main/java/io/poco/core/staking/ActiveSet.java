package io.poco.core.staking;

import io.poco.proto.v1.StakingParams;
import io.poco.proto.v1.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The active set rule (chain.md §4): validators neither jailed nor tombstoned, with at least {@code
 * min_self_stake} bonded, ranked by power (descending), ties broken by consensus address
 * (ascending, unsigned bytes); the first {@code max_validators}.
 */
public final class ActiveSet {

  private ActiveSet() {}

  static final Comparator<Validator> RANK =
      Comparator.comparingLong(StakingKeeper::power)
          .reversed()
          .thenComparing(
              v -> ConsensusKeys.address(v.getConsensusPubkey()),
              (a, b) -> {
                for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                  int c = Integer.compare(a.byteAt(i) & 0xff, b.byteAt(i) & 0xff);
                  if (c != 0) {
                    return c;
                  }
                }
                return Integer.compare(a.size(), b.size());
              });

  public static boolean eligible(Validator v, StakingParams params) {
    return !v.getJailed()
        && !v.getTombstoned()
        && v.getBonded() >= params.getMinSelfStake()
        && StakingKeeper.power(v) > 0;
  }

  /** The active validators among {@code all}, best first. */
  public static List<Validator> select(List<Validator> all, StakingParams params) {
    List<Validator> candidates = new ArrayList<>();
    for (Validator v : all) {
      if (eligible(v, params)) {
        candidates.add(v);
      }
    }
    candidates.sort(RANK);
    return candidates.size() > params.getMaxValidators()
        ? List.copyOf(candidates.subList(0, params.getMaxValidators()))
        : candidates;
  }
}
