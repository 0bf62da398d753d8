package io.poco.core.task;

import static io.poco.core.task.PocoChainFixture.RLC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.poco.core.economics.Kitty;
import io.poco.core.economics.Payouts;
import io.poco.core.exec.ChainEvent;
import io.poco.core.exec.ExecutionResult;
import io.poco.core.exec.Schema;
import io.poco.core.ids.PocoIds;
import io.poco.core.tx.TxCode;
import io.poco.proto.v1.Contribution;
import io.poco.proto.v1.ContributionStatus;
import io.poco.proto.v1.Deal;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.Task;
import io.poco.proto.v1.TaskStatus;
import io.poco.state.KeyValueReader;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The invariants of poco.md §8 (1–10) over random sequences of task operations and block times, on
 * a deal of volume 3 with random trust and random worker scores. Before every operation the test
 * predicts from state alone whether the gates of §3 admit it, and the chain must agree exactly;
 * after every block it checks escrow, consensus, scores, settlement and supply (the fixture audits
 * supply after every block). The same run on a second chain yields the same app hash.
 */
class PocoInvariantProperties {

  enum Kind {
    INITIALIZE,
    CONTRIBUTE,
    REVEAL,
    REOPEN,
    FINALIZE,
    CLAIM,
    FAST
  }

  record Step(long dt, Kind kind, int idx, int worker, int vote, boolean honestDigest) {}

  private static final int SCHEDULER = 2;
  private static final int REQUESTER = 3;
  private static final int FIRST_WORKER = 4;
  private static final int WORKERS = 6;
  private static final int VOLUME = 3;
  // A short reversal window (poco.md §7) so that random histories release pending entries.
  private static final long WINDOW = 200;

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Long> dt =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(60, Arbitraries.longs().between(0, 10)),
            net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(90, 210)),
            net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(300, 700)));
    Arbitrary<Kind> kind =
        Arbitraries.frequency(
            net.jqwik.api.Tuple.of(1, Kind.INITIALIZE),
            net.jqwik.api.Tuple.of(10, Kind.CONTRIBUTE),
            net.jqwik.api.Tuple.of(8, Kind.REVEAL),
            net.jqwik.api.Tuple.of(1, Kind.REOPEN),
            net.jqwik.api.Tuple.of(4, Kind.FINALIZE),
            net.jqwik.api.Tuple.of(1, Kind.CLAIM),
            net.jqwik.api.Tuple.of(1, Kind.FAST));
    return Combinators.combine(
            dt,
            kind,
            Arbitraries.frequency(
                net.jqwik.api.Tuple.of(10, 0),
                net.jqwik.api.Tuple.of(6, 1),
                net.jqwik.api.Tuple.of(3, 2),
                net.jqwik.api.Tuple.of(1, VOLUME)),
            Arbitraries.integers().between(0, WORKERS - 1),
            Arbitraries.frequency(net.jqwik.api.Tuple.of(4, 1), net.jqwik.api.Tuple.of(1, 2)),
            Arbitraries.of(true, true, true, false))
        .as(Step::new)
        // most claims come after a long pause, so some find a task past its final deadline
        .map(
            s ->
                s.kind() == Kind.CLAIM && s.honestDigest()
                    ? new Step(
                        s.dt() + 400, s.kind(), s.idx(), s.worker(), s.vote(), s.honestDigest())
                    : s)
        .list()
        .ofMinSize(40)
        .ofMaxSize(90);
  }

  @Provide
  Arbitrary<Long> trusts() {
    return Arbitraries.of(1L, 2L, 3L, 4L, 4L, 10L, 100L);
  }

  @Provide
  Arbitrary<List<Long>> scores() {
    return Arbitraries.longs().between(0, 400).list().ofSize(WORKERS);
  }

  @Property(tries = 60)
  void everyInvariantHoldsAfterEveryBlock(
      @ForAll("steps") List<Step> steps,
      @ForAll("trusts") long trust,
      @ForAll("scores") List<Long> scores) {
    Run a = new Run(trust, scores);
    Run b = new Run(trust, scores);
    for (Step step : steps) {
      a.apply(step);
      b.replay(step);
    }
    net.jqwik.api.statistics.Statistics.label("settled during the steps")
        .collect(a.finalStatus.containsValue(TaskStatus.TASK_STATUS_SETTLED));
    a.passEveryWindow();
    b.passEveryWindow();
    assertEquals(a.chain.store().lastRoot(), b.chain.store().lastRoot());
    // the generator must keep reaching the late transitions, or the invariants test little
    net.jqwik.api.statistics.Statistics.label("operations")
        .coverage(
            c -> {
              c.check(Kind.REVEAL, true).count(n -> n >= 10);
              c.check(Kind.FINALIZE, true).count(n -> n >= 5);
              c.check(Kind.CLAIM, true).count(n -> n >= 5);
              c.check(Kind.REOPEN, true).count(n -> n >= 1);
            });
    net.jqwik.api.statistics.Statistics.label("settled during the steps")
        .coverage(c -> c.check(true).count(n -> n >= 5));
  }

  /** One chain with its deal and the checks. */
  static final class Run {
    final PocoChainFixture chain;
    final PocoMarket market;
    final ByteString dealId;
    final Deal deal;
    final TreeSet<String> contributionKeys = new TreeSet<>();
    final TreeMap<Integer, TaskStatus> finalStatus = new TreeMap<>();
    final TreeSet<Integer> settled = new TreeSet<>();

    Run(long trust, List<Long> scores) {
      long[] genesisScores = new long[FIRST_WORKER + WORKERS];
      for (int i = 0; i < WORKERS; i++) {
        genesisScores[FIRST_WORKER + i] = scores.get(i);
      }
      chain =
          new PocoChainFixture(
              FIRST_WORKER + WORKERS,
              1000 * RLC,
              PocoChainFixture.categories(100).toBuilder().setReversalWindowSeconds(WINDOW).build(),
              genesisScores);
      market = new PocoMarket(chain);
      market.appPrice = RLC;
      market.poolPrice = 10 * RLC;
      market.stakeRatio = 35;
      market.schedulerRatio = 5;
      market.trust = trust;
      market.volume = VOLUME;
      market.register();
      dealId = market.deal();
      deal = chain.deal(dealId);
      // Tasks 0 and 1 start initialized; task 2 is left to the random steps (and claim of UNSET).
      chain.ok(REQUESTER, PocoMsgs.initialize(dealId, 0), PocoMsgs.initialize(dealId, 1));
    }

    void replay(Step step) {
      chain.setTime(chain.now() + step.dt());
      chain.exec(signer(step), message(step));
    }

    void apply(Step step) {
      chain.setTime(chain.now() + step.dt());
      long now = chain.now();
      KeyValueReader before = chain.store().latest();
      ByteString taskId = PocoIds.taskId(dealId, step.idx());
      Optional<Task> task = TaskKeeper.task(before, taskId);
      boolean predicted = admitted(step, now, task, before);
      long[] scoresBefore = scores();
      long kittyBefore = Kitty.balance(before);
      ExecutionResult r = chain.exec(signer(step), message(step));
      boolean ok = r.outcome().code() == TxCode.OK;
      assertEquals(predicted, ok, step + " at " + now + ": " + r.outcome().log());
      net.jqwik.api.statistics.Statistics.label("operations").collect(step.kind(), ok);
      net.jqwik.api.statistics.Statistics.label("codes").collect(step.kind(), r.outcome().code());
      if (ok && step.kind() == Kind.CONTRIBUTE) {
        assertTrue(contributionKeys.add(step.idx() + "/" + step.worker()), "one per worker");
      }
      KeyValueReader after = chain.store().latest();
      checkAbsorbingAndSettledOnce(step, r, ok);
      checkContributionsAppendOnly(after);
      checkEscrow(after);
      checkConsensus(after);
      checkScores(step, ok, task, scoresBefore, before);
      checkSettlement(step, r, ok, task, kittyBefore, after, before);
      checkConsumed(after);
      checkPending(after, now);
    }

    /** After the last step: one empty block past every window releases everything, once. */
    void passEveryWindow() {
      chain.setTime(chain.now() + WINDOW);
      long total = io.poco.core.economics.PendingSettlement.total(chain.store().latest());
      long owed = 0;
      for (int i = 0; i < FIRST_WORKER + WORKERS; i++) {
        owed += chain.balance(i) + chain.pending(i);
      }
      chain.block(List.of());
      assertEquals(0, chain.pendingTotal());
      long balances = 0;
      for (int i = 0; i < FIRST_WORKER + WORKERS; i++) {
        assertEquals(0, chain.pending(i));
        balances += chain.balance(i);
      }
      assertEquals(owed, balances, "every pending entry (" + total + " nRLC) released once");
      checkPending(chain.store().latest(), chain.now());
      for (int idx = 0; idx < VOLUME; idx++) {
        Optional<Task> t = TaskKeeper.task(chain.store().latest(), PocoIds.taskId(dealId, idx));
        assertTrue(t.isEmpty() || t.get().getStatus() != TaskStatus.TASK_STATUS_COMPLETED);
      }
    }

    /**
     * Invariants 4, 5 and 11 for pending funds: after every block nothing due is left pending; the
     * pending total is the sum of the entries; entries belong to COMPLETED tasks, released at
     * finalize time plus the window; a task is SETTLED exactly when its window has passed, and then
     * has no entry left.
     */
    private void checkPending(KeyValueReader state, long now) {
      long[] sum = {0};
      TreeMap<ByteString, Long> byTask =
          new TreeMap<>(ByteString.unsignedLexicographicalComparator());
      Schema.PENDING.scan(
          state,
          null,
          Integer.MAX_VALUE,
          (key, e) -> {
            sum[0] += e.getAmount();
            byTask.merge(e.getTaskId(), e.getAmount(), Long::sum);
            assertTrue(e.getReleaseTime() > now, "an entry due at " + e.getReleaseTime() + " left");
            Task t = TaskKeeper.task(state, e.getTaskId()).orElseThrow();
            assertEquals(TaskStatus.TASK_STATUS_COMPLETED, t.getStatus());
            assertEquals(t.getFinalTime() + WINDOW, e.getReleaseTime());
            return true;
          });
      assertEquals(sum[0], io.poco.core.economics.PendingSettlement.total(state), "pending total");
      long perAccount = 0;
      for (int i = 0; i < FIRST_WORKER + WORKERS; i++) {
        for (io.poco.proto.v1.PendingEntry e :
            io.poco.core.economics.PendingSettlement.of(state, chain.address(i))) {
          perAccount += e.getAmount();
        }
      }
      assertEquals(sum[0], perAccount, "pending by account");
      for (int idx = 0; idx < VOLUME; idx++) {
        ByteString taskId = PocoIds.taskId(dealId, idx);
        Optional<Task> t = TaskKeeper.task(state, taskId);
        if (t.isEmpty()) {
          continue;
        }
        TaskStatus s = t.get().getStatus();
        if (s == TaskStatus.TASK_STATUS_COMPLETED) {
          assertTrue(now < t.get().getFinalTime() + WINDOW, "task " + idx + " not settled");
        } else if (s == TaskStatus.TASK_STATUS_SETTLED) {
          assertTrue(now >= t.get().getFinalTime() + WINDOW, "task " + idx + " settled early");
          assertTrue(!byTask.containsKey(taskId), "task " + idx + " settled with entries left");
        }
      }
    }

    private int signer(Step step) {
      return switch (step.kind()) {
        case INITIALIZE, CLAIM -> REQUESTER;
        case REVEAL -> revealer(step);
        case FAST -> FIRST_WORKER + step.worker();
        default -> SCHEDULER;
      };
    }

    private Msg message(Step step) {
      ByteString taskId = PocoIds.taskId(dealId, step.idx());
      int worker = FIRST_WORKER + step.worker();
      return switch (step.kind()) {
        case INITIALIZE -> PocoMsgs.initialize(dealId, step.idx());
        case CONTRIBUTE ->
            PocoMsgs.contributeBatch(
                market.contributions(taskId, new int[] {worker}, new int[] {step.vote()}));
        case REVEAL -> PocoMsgs.reveal(taskId, PocoMsgs.digest(revealedVote(step)));
        case REOPEN -> PocoMsgs.reopen(taskId);
        case FINALIZE -> PocoMsgs.finalizeTask(taskId);
        case CLAIM -> PocoMsgs.claim(dealId, step.idx());
        case FAST ->
            PocoMsgs.contributeAndFinalize(
                taskId,
                PocoMsgs.digest(step.vote()),
                ContributionSigning.authorize(
                    PocoChainFixture.CHAIN_ID,
                    chain.address(worker),
                    taskId,
                    ByteString.EMPTY,
                    chain.key(SCHEDULER)));
      };
    }

    /**
     * The worker who reveals: usually one of the task's winners (chosen by the step), so reveals
     * often succeed and tasks reach finalize; sometimes any contributor, to exercise the refusal of
     * a losing reveal; the step's worker when there is no contributor.
     */
    private int revealer(Step step) {
      ByteString taskId = PocoIds.taskId(dealId, step.idx());
      KeyValueReader state = chain.store().latest();
      List<WorkerContribution> all = TaskKeeper.contributions(state, taskId);
      if (all.isEmpty()) {
        return FIRST_WORKER + step.worker();
      }
      Optional<Task> task = TaskKeeper.task(state, taskId);
      List<WorkerContribution> winners =
          all.stream()
              .filter(
                  c ->
                      task.isPresent()
                          && c.contribution()
                              .getResultHash()
                              .equals(task.get().getConsensusValue()))
              .toList();
      if (!winners.isEmpty() && step.vote() == 1) {
        all = winners;
      }
      io.poco.core.crypto.Address a = all.get(step.worker() % all.size()).worker();
      for (int i = 0; i < WORKERS; i++) {
        if (chain.address(FIRST_WORKER + i).equals(a)) {
          return FIRST_WORKER + i;
        }
      }
      throw new AssertionError("unknown contributor " + a);
    }

    /** An honest reveal names the digest the worker committed to; a dishonest one another. */
    private int revealedVote(Step step) {
      if (!step.honestDigest()) {
        return 3;
      }
      ByteString taskId = PocoIds.taskId(dealId, step.idx());
      Optional<Contribution> c =
          TaskKeeper.contribution(chain.store().latest(), taskId, chain.address(revealer(step)));
      for (int vote = 1; vote <= 2; vote++) {
        if (c.isPresent()
            && ResultBinding.resultHash(taskId, PocoMsgs.digest(vote))
                .equals(c.get().getResultHash())) {
          return vote;
        }
      }
      return step.vote();
    }

    /** Invariant 2 and 10: the gates of §3, predicted from state alone. */
    private boolean admitted(Step step, long now, Optional<Task> task, KeyValueReader state) {
      boolean inBag = step.idx() < VOLUME;
      TaskStatus status = task.map(Task::getStatus).orElse(TaskStatus.TASK_STATUS_UNSET);
      ByteString taskId = PocoIds.taskId(dealId, step.idx());
      int worker = step.kind() == Kind.REVEAL ? revealer(step) : FIRST_WORKER + step.worker();
      Optional<Contribution> mine = TaskKeeper.contribution(state, taskId, chain.address(worker));
      return switch (step.kind()) {
        case INITIALIZE -> inBag && task.isEmpty();
        case CONTRIBUTE ->
            status == TaskStatus.TASK_STATUS_ACTIVE
                && now < task.get().getContributionDeadline()
                && mine.isEmpty();
        case REVEAL ->
            status == TaskStatus.TASK_STATUS_REVEALING
                && now < task.get().getRevealDeadline()
                && mine.isPresent()
                && mine.get().getStatus() == ContributionStatus.CONTRIBUTION_STATUS_CONTRIBUTED
                && mine.get().getResultHash().equals(task.get().getConsensusValue())
                && ResultBinding.resultHash(taskId, PocoMsgs.digest(revealedVote(step)))
                    .equals(mine.get().getResultHash());
        case REOPEN ->
            status == TaskStatus.TASK_STATUS_REVEALING
                && task.get().getRevealDeadline() <= now
                && now < task.get().getFinalDeadline()
                && task.get().getRevealCount() == 0;
        case FINALIZE ->
            status == TaskStatus.TASK_STATUS_REVEALING
                && now < task.get().getFinalDeadline()
                && (task.get().getRevealCount() == task.get().getWinnerCount()
                    || (task.get().getRevealCount() > 0 && now >= task.get().getRevealDeadline()));
        case CLAIM ->
            inBag
                && (status == TaskStatus.TASK_STATUS_UNSET
                    || status == TaskStatus.TASK_STATUS_ACTIVE
                    || status == TaskStatus.TASK_STATUS_REVEALING)
                && now >= deal.getStartTime() + 10 * deal.getTimeref();
        case FAST ->
            status == TaskStatus.TASK_STATUS_ACTIVE
                && now < task.get().getContributionDeadline()
                && deal.getTrust() == 1
                && task.get().getContributorCount() == 0;
      };
    }

    /** Invariant 4: COMPLETED and FAILED never change here; a task is settled exactly once. */
    private void checkAbsorbingAndSettledOnce(Step step, ExecutionResult r, boolean ok) {
      for (int idx = 0; idx < VOLUME; idx++) {
        Optional<Task> t = TaskKeeper.task(chain.store().latest(), PocoIds.taskId(dealId, idx));
        if (t.isEmpty()) {
          continue;
        }
        TaskStatus s = t.get().getStatus();
        TaskStatus was = finalStatus.get(idx);
        if (was == TaskStatus.TASK_STATUS_COMPLETED && s == TaskStatus.TASK_STATUS_SETTLED) {
          finalStatus.put(idx, s);
        } else if (was != null) {
          assertEquals(was, s, "final status of task " + idx + " changed");
        } else if (s == TaskStatus.TASK_STATUS_COMPLETED
            || s == TaskStatus.TASK_STATUS_FAILED
            || s == TaskStatus.TASK_STATUS_SETTLED) {
          finalStatus.put(idx, s);
        }
      }
      if (ok && !PocoChainFixture.events(r, "payout").isEmpty()) {
        assertTrue(settled.add(step.idx()), "task " + step.idx() + " settled twice");
      }
    }

    /** Invariant 1: contributions are never removed. */
    private void checkContributionsAppendOnly(KeyValueReader state) {
      for (String key : contributionKeys) {
        String[] parts = key.split("/");
        ByteString taskId = PocoIds.taskId(dealId, Integer.parseInt(parts[0]));
        assertTrue(
            TaskKeeper.contribution(
                    state, taskId, chain.address(FIRST_WORKER + Integer.parseInt(parts[1])))
                .isPresent(),
            "contribution " + key + " vanished");
      }
    }

    /**
     * Invariants 5 and 6: every nRLC locked is accounted for by a live task: the requester's price
     * and the scheduler's stake of each task not yet COMPLETED or FAILED, and every stake of those
     * tasks' contributions.
     */
    private void checkEscrow(KeyValueReader state) {
      long expected = 0;
      for (int idx = 0; idx < VOLUME; idx++) {
        ByteString taskId = PocoIds.taskId(dealId, idx);
        Optional<Task> t = TaskKeeper.task(state, taskId);
        if (t.isPresent()
            && (t.get().getStatus() == TaskStatus.TASK_STATUS_COMPLETED
                || t.get().getStatus() == TaskStatus.TASK_STATUS_SETTLED
                || t.get().getStatus() == TaskStatus.TASK_STATUS_FAILED)) {
          continue;
        }
        expected += Payouts.taskPrice(deal) + deal.getSchedulerStake();
        for (WorkerContribution wc : TaskKeeper.contributions(state, taskId)) {
          expected += wc.contribution().getStake();
        }
      }
      long locked = 0;
      for (int i = 0; i < FIRST_WORKER + WORKERS; i++) {
        locked += chain.account(chain.address(i)).getLocked();
      }
      assertEquals(expected, locked, "escrow");
    }

    /** Invariant 3: total = 1 + Σ groups; ACTIVE has no winning group; REVEALING has one. */
    private void checkConsensus(KeyValueReader state) {
      for (int idx = 0; idx < VOLUME; idx++) {
        ByteString taskId = PocoIds.taskId(dealId, idx);
        Optional<Task> t = TaskKeeper.task(state, taskId);
        if (t.isEmpty()
            || t.get().getStatus() == TaskStatus.TASK_STATUS_COMPLETED
            || t.get().getStatus() == TaskStatus.TASK_STATUS_SETTLED
            || t.get().getStatus() == TaskStatus.TASK_STATUS_FAILED) {
          continue;
        }
        BigInteger total = Consensus.decode(t.get().getConsensusTotal());
        BigInteger sum = BigInteger.ONE;
        boolean anyReached = false;
        ByteString prefix = Schema.CONSENSUS_GROUPS.key(taskId);
        List<BigInteger> groups = new java.util.ArrayList<>();
        state.scan(
            prefix,
            prefix,
            Integer.MAX_VALUE,
            (k, v) -> {
              groups.add(
                  Consensus.decode(Schema.CONSENSUS_GROUPS.decodeValue(v).getWeightProduct()));
              return true;
            });
        for (BigInteger g : groups) {
          sum = sum.add(g);
          anyReached |= Consensus.reached(g, total, deal.getTrust());
        }
        assertEquals(sum, total, "consensus total of task " + idx);
        assertEquals(
            t.get().getStatus() == TaskStatus.TASK_STATUS_REVEALING,
            anyReached,
            "consensus of task " + idx + " in status " + t.get().getStatus());
      }
    }

    private long[] scores() {
      long[] s = new long[WORKERS];
      for (int i = 0; i < WORKERS; i++) {
        s[i] = chain.score(FIRST_WORKER + i);
      }
      return s;
    }

    /** Invariant 8: scores change only at a replicated finalize, by the rules of §4. */
    private void checkScores(
        Step step, boolean ok, Optional<Task> task, long[] before, KeyValueReader stateBefore) {
      long[] after = scores();
      boolean finalized = ok && step.kind() == Kind.FINALIZE;
      for (int i = 0; i < WORKERS; i++) {
        long expected = before[i];
        if (finalized) {
          ByteString taskId = PocoIds.taskId(dealId, step.idx());
          Optional<Contribution> c =
              TaskKeeper.contribution(stateBefore, taskId, chain.address(FIRST_WORKER + i));
          if (c.isPresent()) {
            boolean proved = c.get().getStatus() == ContributionStatus.CONTRIBUTION_STATUS_PROVED;
            if (proved) {
              expected = task.get().getContributorCount() > 1 ? before[i] + 1 : before[i];
            } else {
              expected = before[i] * 2 / 3;
            }
          }
        }
        assertEquals(expected, after[i], "score of worker " + i + " after " + step);
      }
    }

    /** Invariant 7: a settlement pays out exactly what it seized. */
    private void checkSettlement(
        Step step,
        ExecutionResult r,
        boolean ok,
        Optional<Task> task,
        long kittyBefore,
        KeyValueReader after,
        KeyValueReader before) {
      if (!ok
          || !(step.kind() == Kind.FINALIZE
              || step.kind() == Kind.CLAIM
              || step.kind() == Kind.FAST)) {
        return;
      }
      long paid = 0;
      for (ChainEvent e : PocoChainFixture.events(r, "payout")) {
        paid += Long.parseLong(PocoChainFixture.value(e, "amount"));
      }
      long stakes = 0;
      ByteString taskId = PocoIds.taskId(dealId, step.idx());
      for (WorkerContribution wc : TaskKeeper.contributions(before, taskId)) {
        stakes += wc.contribution().getStake();
      }
      long kittyTaken = kittyBefore - Kitty.balance(after);
      long seized = Payouts.taskPrice(deal) + deal.getSchedulerStake() + stakes;
      if (step.kind() == Kind.CLAIM) {
        assertEquals(seized, paid, "claim pays back what it took");
        assertEquals(-deal.getSchedulerStake(), kittyTaken);
      } else {
        assertEquals(seized + kittyTaken, paid, "finalize pays exactly what it seized");
        long[] pending = {0};
        Schema.PENDING.scan(
            after,
            null,
            Integer.MAX_VALUE,
            (key, e) -> {
              if (e.getTaskId().equals(taskId)) {
                pending[0] += e.getAmount();
              }
              return true;
            });
        assertEquals(paid, pending[0], "a finalize's payouts are all pending");
      }
    }

    /** Invariant 9: no order is consumed past its volume. */
    private void checkConsumed(KeyValueReader state) {
      for (ByteString hash :
          List.of(
              deal.getRequestOrderHash(), deal.getAppOrderHash(), deal.getWorkerpoolOrderHash())) {
        assertTrue(Schema.CONSUMED.get(state, hash).orElse(0L) <= VOLUME);
      }
      assertEquals(PocoIds.dealId(deal.getRequestOrderHash(), 0), dealId);
    }
  }
}
