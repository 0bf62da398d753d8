package io.poco.core.staking;

import static io.poco.core.staking.StakingChain.RLC;
import static io.poco.core.staking.StakingChain.consensusAddress;
import static io.poco.core.staking.StakingChain.pubkey;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.poco.proto.v1.Msg;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random staking histories (joins, stakes, unbonds, unjails, downtime, double signs, long pauses)
 * replayed on two fresh stores: the app hashes agree after every block, the application's validator
 * set always matches the one CometBFT would use, the supply invariant holds and the set never
 * empties (all checked by {@link StakingChain} each block).
 */
class StakingDeterminismProperties {

  private static final int OPERATORS = 6;

  /** One block: who acts and how, who misses the vote, what is reported, how long it took. */
  record Step(int actor, int action, long amount, int absent, int offender, long seconds) {}

  @Provide
  Arbitrary<List<Step>> histories() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.integers().between(0, OPERATORS - 1),
                Arbitraries.integers().between(0, 5),
                Arbitraries.longs().between(1, 120).map(n -> n * RLC / 2),
                Arbitraries.integers().between(-1, OPERATORS - 1),
                Arbitraries.integers().between(-8, OPERATORS - 1),
                Arbitraries.of(1L, 1L, 1L, 5L, 601L, 22L * 86_400))
            .as(Step::new);
    return step.list().ofMinSize(5).ofMaxSize(60);
  }

  @Property(tries = 60)
  void replaysAgreeAndTheSetMatchesCometBft(@ForAll("histories") List<Step> history) {
    StakingChain a = chain();
    StakingChain b = chain();
    for (Step s : history) {
      ByteString rootA = play(a, s);
      ByteString rootB = play(b, s);
      assertEquals(rootA, rootB, "app hashes differ after " + s);
    }
    Statistics.label("slashed").collect(!a.events("slash").isEmpty());
    Statistics.label("joined").collect(!a.events("create_validator").isEmpty());
  }

  private static StakingChain chain() {
    return new StakingChain(
        StakingChain.params(), OPERATORS, 500 * RLC, 100 * RLC, 100 * RLC, 100 * RLC);
  }

  private static ByteString play(StakingChain chain, Step s) {
    Msg msg =
        switch (s.action()) {
          case 0 ->
              StakingMsgs.create(pubkey(s.actor()), chain.operator(s.actor()), "v", s.amount());
          case 1 -> StakingMsgs.stake(s.amount());
          case 2 -> StakingMsgs.unbond(s.amount());
          case 3 -> StakingMsgs.unjail();
          case 4 -> StakingMsgs.edit("m" + s.amount() % 7, ByteString.EMPTY);
          default -> StakingMsgs.unbond(s.amount() * 4);
        };
    Set<ByteString> absent = new TreeSet<>(ByteString.unsignedLexicographicalComparator());
    if (s.absent() >= 0) {
      absent.add(consensusAddress(s.absent()));
    }
    List<Infraction> misbehavior = new ArrayList<>();
    long h = chain.height();
    if (s.offender() >= 0 && h >= 1) {
      Long power = chain.cometSet(h).get(consensusAddress(s.offender()));
      if (power != null) {
        misbehavior.add(new Infraction("duplicate_vote", consensusAddress(s.offender()), h, power));
      }
    }
    chain.block(s.seconds(), absent, misbehavior, chain.tx(s.actor(), 0, msg));
    return chain.store().lastRoot();
  }
}
