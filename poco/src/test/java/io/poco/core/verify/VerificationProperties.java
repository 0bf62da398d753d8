package io.poco.core.verify;

import static io.poco.core.task.PocoChainFixture.RLC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.poco.core.exec.ChainFixture;
import io.poco.core.exec.ExecutionResult;
import io.poco.core.exec.Schema;
import io.poco.core.task.PocoChainFixture;
import io.poco.core.task.PocoMarket;
import io.poco.core.task.PocoMsgs;
import io.poco.core.tx.TxCode;
import io.poco.proto.v1.CheckOutcome;
import io.poco.proto.v1.PocoParams;
import io.poco.proto.v1.SlotStatus;
import io.poco.proto.v1.SpotCheck;
import io.poco.proto.v1.TaskStatus;
import io.poco.proto.v1.VerifierSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * poco.md §8 invariants 4, 5, 6 and 11 over random histories with spot-checks, challenges,
 * verifiers that answer right, wrong or not at all, reversals and backtracking: tasks of a deal of
 * volume 4 are completed by random pairs of workers, some colluding on a wrong result; then random
 * challenges, verifier actions, attempts to spend pending funds and pauses; finally the clock
 * passes every window. After every block the supply adds up (the fixture audits it); FAILED,
 * REVERSED and SETTLED never change and each task settles at most once; pending funds can never be
 * sent; at the end every worker stake and challenge bond has been released or seized (nothing
 * locked but verifier bonds), nothing is pending, and nothing is left in the indexes. A second run
 * yields the same app hash.
 */
class VerificationProperties {

  enum Kind {
    CHALLENGE,
    ACT,
    SPEND_PENDING,
    PAUSE
  }

  /** One step: what, on which task, by whom, with which behaviour, after how long. */
  record Step(Kind kind, int task, int who, int behaviour, long dt) {}

  /** How each task is completed: two workers, honest or colluding on a wrong result. */
  record Completion(int first, int second, boolean wrong) {}

  private static final int SCHEDULER = 2;
  private static final int FIRST_WORKER = 4;
  private static final int WORKERS = 6;
  private static final int[] VERIFIERS = {10, 11, 12, 13};
  private static final int CHALLENGER = 14;
  private static final int ACCOUNTS = 15;
  private static final int VOLUME = 4;
  private static final long WINDOW = 3_000;
  private static final int HONEST = 7;
  private static final int WRONG = 9;

  @Provide
  Arbitrary<List<Completion>> completions() {
    Arbitrary<Completion> one =
        Combinators.combine(
                Arbitraries.integers().between(0, WORKERS - 1),
                Arbitraries.integers().between(1, WORKERS - 1),
                Arbitraries.frequency(Tuple.of(1, false), Tuple.of(1, true)))
            .as((a, d, wrong) -> new Completion(a, (a + d) % WORKERS, wrong));
    return one.list().ofSize(VOLUME);
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Kind> kind =
        Arbitraries.frequency(
            Tuple.of(3, Kind.CHALLENGE),
            Tuple.of(30, Kind.ACT),
            Tuple.of(2, Kind.SPEND_PENDING),
            Tuple.of(1, Kind.PAUSE));
    Arbitrary<Long> dt =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.longs().between(1, 20)),
            Tuple.of(2, Arbitraries.longs().between(600, 1_000)),
            Tuple.of(1, Arbitraries.longs().between(2_000, 3_500)));
    return Combinators.combine(
            kind,
            Arbitraries.integers().between(0, VOLUME - 1),
            Arbitraries.integers().between(0, 7),
            // 0–5 honest, 6–7 wrong, 8 silent
            Arbitraries.integers().between(0, 8),
            dt)
        .as(Step::new)
        .list()
        .ofMinSize(30)
        .ofMaxSize(90);
  }

  @Property(tries = 40)
  void invariantsHoldThroughChecksChallengesAndReversals(
      @ForAll("completions") List<Completion> completions, @ForAll("steps") List<Step> steps) {
    Run a = new Run(completions);
    Run b = new Run(completions);
    for (Step step : steps) {
      a.play(step);
      b.play(step);
    }
    a.finish();
    b.finish();
    assertEquals(a.chain.store().lastRoot(), b.chain.store().lastRoot(), "replay diverged");
    Statistics.label("fraud found").collect(a.frauds > 0);
    Statistics.label("reversed by backtracking").collect(a.backtracked > 0);
    Statistics.label("upheld").collect(a.upheld > 0);
    // the generator must keep reaching the paths under test
    Statistics.label("fraud found").coverage(c -> c.check(true).percentage(p -> p >= 5.0));
    Statistics.label("upheld").coverage(c -> c.check(true).percentage(p -> p >= 20.0));
  }

  /** One chain and what the test remembers of it. */
  private static final class Run {
    final PocoChainFixture chain;
    final PocoMarket market;
    final List<ByteString> tasks = new ArrayList<>();
    final TreeMap<String, Integer> committed = new TreeMap<>();
    final TaskStatus[] last = new TaskStatus[VOLUME];
    final int[] settledCount = new int[VOLUME];
    int frauds;
    int backtracked;
    int upheld;

    Run(List<Completion> completions) {
      PocoParams params =
          PocoChainFixture.categories(100).toBuilder()
              .setReversalWindowSeconds(WINDOW)
              .setSpotCheckPpm(600_000)
              .build();
      long[] scores = new long[ACCOUNTS];
      for (int v : VERIFIERS) {
        scores[v] = 100;
      }
      chain = new PocoChainFixture(ACCOUNTS, 5_000 * RLC, params, scores);
      market = new PocoMarket(chain);
      market.poolPrice = 10 * RLC;
      market.trust = 4;
      market.volume = VOLUME;
      market.register();
      for (int v : VERIFIERS) {
        ok(chain.exec(v, VerifyMsgs.register()));
      }
      ByteString deal = market.deal();
      for (int i = 0; i < VOLUME; i++) {
        ByteString t = market.initialize(deal, i);
        tasks.add(t);
        Completion c = completions.get(i);
        int[] workers = {FIRST_WORKER + c.first(), FIRST_WORKER + c.second()};
        int vote = c.wrong() ? WRONG : HONEST;
        ok(market.contribute(t, workers, new int[] {vote, vote}));
        ok(market.reveal(t, workers, new int[] {vote, vote}));
        ok(market.finalizeTask(t));
        observe();
      }
    }

    void play(Step s) {
      ByteString t = tasks.get(s.task());
      switch (s.kind()) {
        case CHALLENGE -> {
          ExecutionResult r = chain.exec(CHALLENGER, VerifyMsgs.challenge(t));
          assertTrue(
              Set.of(
                      TxCode.OK,
                      TxCode.WRONG_TASK_STATUS,
                      TxCode.CHECK_OPEN,
                      TxCode.WINDOW_CLOSED,
                      TxCode.NO_VERIFIERS)
                  .contains(r.outcome().code()),
              r.outcome().log());
        }
        case ACT -> act(t, s.who(), s.behaviour());
        case SPEND_PENDING -> {
          int w = FIRST_WORKER + s.who() % WORKERS;
          long pending = chain.pending(w);
          if (pending > 0) {
            ExecutionResult r =
                chain.exec(w, ChainFixture.send(chain.address(0), chain.balance(w) + 1));
            assertEquals(TxCode.INSUFFICIENT_FUNDS, r.outcome().code(), "pending funds moved");
          }
        }
        case PAUSE -> {
          chain.setTime(chain.now() + s.dt());
          chain.block(List.of());
        }
      }
      chain.setTime(chain.now() + 1);
      observe();
    }

    /** A verifier of the task's open check (the who-th live slot) commits, reveals or waits. */
    private void act(ByteString t, int who, int behaviour) {
      Optional<SpotCheck> check = Schema.CHECKS.get(chain.store().latest(), t);
      if (check.isEmpty() || check.get().getOutcome() != CheckOutcome.CHECK_OUTCOME_OPEN) {
        return;
      }
      List<VerifierSlot> live = new ArrayList<>();
      for (VerifierSlot s : check.get().getSlotsList()) {
        if (s.getStatus() == SlotStatus.SLOT_STATUS_ASSIGNED
            || s.getStatus() == SlotStatus.SLOT_STATUS_COMMITTED) {
          live.add(s);
        }
      }
      if (live.isEmpty() || behaviour == 8) {
        return;
      }
      VerifierSlot slot = live.get(who % live.size());
      int v = account(slot.getVerifier());
      String key = v + ":" + t;
      if (slot.getStatus() == SlotStatus.SLOT_STATUS_ASSIGNED) {
        int vote = behaviour >= 6 ? WRONG + 1 : HONEST;
        ExecutionResult r =
            chain.exec(v, VerifyMsgs.commit(chain.address(v), t, PocoMsgs.digest(vote)));
        if (r.outcome().isOk()) {
          committed.put(key, vote);
        }
      } else if (committed.containsKey(key)) {
        ExecutionResult r =
            chain.exec(v, VerifyMsgs.reveal(t, PocoMsgs.digest(committed.get(key))));
        if (r.outcome().isOk()) {
          count(r);
        }
      }
    }

    private void count(ExecutionResult r) {
      for (io.poco.core.exec.ChainEvent e : r.events()) {
        String text = e.attributes().toString();
        if (e.type().equals("spot_check") && text.contains("value=fraud")) {
          frauds++;
        }
        if (e.type().equals("spot_check") && text.contains("value=upheld")) {
          upheld++;
        }
        if (e.type().equals("task") && text.contains("value=backtracking")) {
          backtracked++;
        }
      }
    }

    private int account(ByteString address) {
      for (int i = 0; i < ACCOUNTS; i++) {
        if (chain.address(i).bytes().equals(address)) {
          return i;
        }
      }
      throw new AssertionError("unknown verifier");
    }

    /** Invariant 4: terminal statuses never change; a task settles once. */
    private void observe() {
      for (int i = 0; i < tasks.size(); i++) {
        TaskStatus now = chain.task(tasks.get(i)).getStatus();
        TaskStatus before = last[i];
        if (before == TaskStatus.TASK_STATUS_SETTLED
            || before == TaskStatus.TASK_STATUS_REVERSED
            || before == TaskStatus.TASK_STATUS_FAILED) {
          assertEquals(before, now, "task " + i + " left the absorbing status " + before);
        }
        if (now == TaskStatus.TASK_STATUS_SETTLED && before != now) {
          settledCount[i]++;
        }
        last[i] = now;
      }
    }

    /** Past every window: nothing pending or locked but verifier bonds; indexes empty. */
    void finish() {
      chain.setTime(chain.now() + 3 * WINDOW);
      chain.block(List.of());
      observe();
      for (int i = 0; i < VOLUME; i++) {
        TaskStatus s = chain.task(tasks.get(i)).getStatus();
        assertTrue(
            s == TaskStatus.TASK_STATUS_SETTLED || s == TaskStatus.TASK_STATUS_REVERSED,
            "task " + i + " is " + s + " after every window");
        assertTrue(settledCount[i] <= 1);
      }
      assertEquals(0, chain.pendingTotal());
      for (int w = 0; w < ACCOUNTS; w++) {
        long bond =
            VerifierKeeper.get(chain.store().latest(), chain.address(w))
                .map(v -> v.getBond())
                .orElse(0L);
        assertEquals(bond, chain.locked(w), "account " + w + " still has escrow");
      }
      for (io.poco.state.Column<ByteString, Long> index :
          List.of(Schema.WINS, Schema.CHECK_QUEUE, Schema.COMPLETED_IN_BLOCK)) {
        index.scan(
            chain.store().latest(),
            null,
            1,
            (k, v) -> {
              throw new AssertionError("index 0x" + index.prefix().toStringUtf8() + " not empty");
            });
      }
    }

    private static void ok(ExecutionResult r) {
      assertEquals(TxCode.OK, r.outcome().code(), r.outcome().log());
    }
  }
}
