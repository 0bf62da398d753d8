package io.poco.core.verify;

import static io.poco.core.task.PocoChainFixture.RLC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.exec.ExecutionResult;
import io.poco.core.exec.Schema;
import io.poco.core.task.PocoChainFixture;
import io.poco.core.task.PocoMarket;
import io.poco.core.task.PocoMsgs;
import io.poco.core.tx.TxCode;
import io.poco.proto.v1.CheckOutcome;
import io.poco.proto.v1.ContributionStatus;
import io.poco.proto.v1.PocoParams;
import io.poco.proto.v1.SlotStatus;
import io.poco.proto.v1.SpotCheck;
import io.poco.proto.v1.TaskStatus;
import io.poco.proto.v1.VerifierSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Spot-checks, challenges, reversal and backtracking (poco.md §6–§7) on the state machine, with
 * timeref 100 s, trust 4, workerpool price 10 RLC (worker stake 3 RLC, scheduler stake 3 RLC) and
 * every balance checked to the nRLC. Accounts: 0 app owner, 2 scheduler, 3 requester, 4–8 workers
 * (8 has score 300: weight 99), 9–12 verifiers (score 100), 13 challenger.
 */
class VerificationTest {

  private static final int SCHEDULER = 2;
  private static final int REQUESTER = 3;
  private static final int W1 = 4;
  private static final int W2 = 5;
  private static final int W3 = 6;
  private static final int W4 = 8;
  private static final int[] VERIFIERS = {9, 10, 11, 12};
  private static final int CHALLENGER = 13;
  private static final long FUNDS = 2_000 * RLC;
  private static final long STAKE = 3 * RLC;
  private static final int HONEST = 7;
  private static final int WRONG = 9;

  private PocoChainFixture chain;
  private PocoMarket market;

  private void setUp(int spotCheckPpm, long reversalWindow) {
    PocoParams params =
        PocoChainFixture.categories(100).toBuilder()
            .setReversalWindowSeconds(reversalWindow)
            .setSpotCheckPpm(spotCheckPpm)
            .build();
    long[] scores = new long[14];
    scores[W4] = 300;
    for (int v : VERIFIERS) {
      scores[v] = 100;
    }
    chain = new PocoChainFixture(14, FUNDS, params, scores);
    market = new PocoMarket(chain);
    market.poolPrice = 10 * RLC;
    market.trust = 4;
    market.volume = 3;
    market.register();
  }

  private static void ok(ExecutionResult r) {
    assertEquals(TxCode.OK, r.outcome().code(), r.outcome().log());
  }

  private static void refused(TxCode code, ExecutionResult r) {
    assertEquals(code, r.outcome().code(), r.outcome().log());
  }

  /** Workers contribute {@code vote}, reveal it, and the scheduler finalizes: COMPLETED. */
  private void complete(ByteString taskId, int vote, int... workers) {
    int[] votes = new int[workers.length];
    java.util.Arrays.fill(votes, vote);
    ok(market.contribute(taskId, workers, votes));
    ok(market.reveal(taskId, workers, votes));
    ok(market.finalizeTask(taskId));
    assertEquals(TaskStatus.TASK_STATUS_COMPLETED, chain.task(taskId).getStatus());
  }

  private void registerVerifiers() {
    for (int v : VERIFIERS) {
      ok(chain.exec(v, VerifyMsgs.register()));
    }
  }

  private SpotCheck check(ByteString taskId) {
    return Schema.CHECKS.get(chain.store().latest(), taskId).orElseThrow();
  }

  private int account(ByteString address) {
    for (int i = 0; i < 14; i++) {
      if (chain.address(i).bytes().equals(address)) {
        return i;
      }
    }
    throw new AssertionError("unknown account " + new Address(address));
  }

  /** The accounts of the slots in {@code status}, in slot order. */
  private List<Integer> slots(ByteString taskId, SlotStatus status) {
    List<Integer> out = new ArrayList<>();
    for (VerifierSlot s : check(taskId).getSlotsList()) {
      if (s.getStatus() == status) {
        out.add(account(s.getVerifier()));
      }
    }
    return out;
  }

  private void commitAndReveal(ByteString taskId, List<Integer> verifiers, int vote) {
    for (int v : verifiers) {
      ok(chain.exec(v, VerifyMsgs.commit(chain.address(v), taskId, PocoMsgs.digest(vote))));
    }
    for (int v : verifiers) {
      ok(chain.exec(v, VerifyMsgs.reveal(taskId, PocoMsgs.digest(vote))));
    }
  }

  @Test
  void aChallengedColludingMajorityIsReversedAndBacktrackingFollowsTheCaughtWorker() {
    setUp(0, 1_000_000);
    ByteString deal = market.deal();
    ByteString a = market.initialize(deal, 0);
    ByteString b = market.initialize(deal, 1);
    ByteString c = market.initialize(deal, 2);
    complete(a, WRONG, W1, W2); // the colluding pair agree on a wrong result
    complete(b, HONEST, W1, W3); // without W1 this consensus fails
    complete(c, HONEST, W1, W4); // W4 (weight 99) holds it alone
    registerVerifiers();
    long kittyBefore = chain.kitty();
    long[] before = new long[14];
    for (int i = 0; i < 14; i++) {
      before[i] = chain.balance(i);
    }
    long w1PendingInC =
        chain.pendingEntries(W1).stream()
            .filter(e -> e.getTaskId().equals(c))
            .mapToLong(e -> e.getAmount())
            .sum();

    ok(chain.exec(CHALLENGER, VerifyMsgs.challenge(a)));
    assertEquals(FUNDS - 100 * RLC, chain.balance(CHALLENGER));
    assertEquals(100 * RLC, chain.locked(CHALLENGER));
    List<Integer> first = slots(a, SlotStatus.SLOT_STATUS_ASSIGNED);
    assertEquals(1, first.size());
    commitAndReveal(a, first, HONEST); // disagrees with the consensus: escalation to 2r + 1 = 3
    assertTrue(check(a).getEscalated());
    List<Integer> more = slots(a, SlotStatus.SLOT_STATUS_ASSIGNED);
    assertEquals(3, more.size());
    commitAndReveal(a, more, HONEST);

    assertEquals(CheckOutcome.CHECK_OUTCOME_FRAUD, check(a).getOutcome());
    assertEquals(TaskStatus.TASK_STATUS_REVERSED, chain.task(a).getStatus());
    assertEquals(TaskStatus.TASK_STATUS_REVERSED, chain.task(b).getStatus());
    assertEquals(TaskStatus.TASK_STATUS_COMPLETED, chain.task(c).getStatus());
    // Requester: the price of a and of b back; c stays paid.
    assertEquals(before[REQUESTER] + 20 * RLC, chain.balance(REQUESTER));
    // Scheduler: its stakes of a and b back (its pending rewards of both cancelled).
    assertEquals(before[SCHEDULER] + 2 * STAKE, chain.balance(SCHEDULER));
    // a: W1 and W2's 6 RLC seized: 0.6 to the challenger, 0.6 to the 4 finders, 4.8 to the kitty.
    assertEquals(before[CHALLENGER] + 600_000_000L, chain.balance(CHALLENGER));
    assertEquals(0, chain.locked(CHALLENGER));
    for (int v : VERIFIERS) {
      assertEquals(before[v] + 150_000_000L, chain.balance(v), "finder " + v);
    }
    // b: reversed by backtracking: W1's stake seized, W3 not caught, its stake back.
    assertEquals(before[W3] + STAKE, chain.balance(W3));
    assertEquals(0, chain.pending(W3));
    assertEquals(before[W1], chain.balance(W1));
    assertEquals(before[W2], chain.balance(W2));
    assertEquals(0, chain.pending(W1));
    assertEquals(0, chain.pending(W2));
    // c: W1's stake and reward there forfeited to the kitty; its contribution now REJECTED.
    assertEquals(
        ContributionStatus.CONTRIBUTION_STATUS_REJECTED, chain.contribution(c, W1).getStatus());
    assertEquals(kittyBefore + 4_800_000_000L + STAKE + w1PendingInC, chain.kitty(), "kitty");
    // Caught: scores 0, blacklisted 30 days; W3 and W4 untouched.
    assertEquals(0, chain.score(W1));
    assertEquals(0, chain.score(W2));
    assertTrue(chain.score(W3) > 0);
    assertEquals(
        chain.now() + 2_592_000L,
        io.poco.core.task.TaskKeeper.blacklistedUntil(chain.store().latest(), chain.address(W1)));

    // Pending funds cannot leave: W4's reward in c is not spendable before the window ends.
    long w4Pending = chain.pending(W4);
    assertTrue(w4Pending > 0);
    refused(
        TxCode.INSUFFICIENT_FUNDS,
        chain.exec(
            W4,
            io.poco.core.exec.ChainFixture.send(chain.address(0), chain.balance(W4) + w4Pending)));
    chain.passReversalWindow(c);
    assertEquals(TaskStatus.TASK_STATUS_SETTLED, chain.task(c).getStatus());
    assertEquals(0, chain.pending(W4));
  }

  @Test
  void aSpotCheckUpheldPaysTheFeeAndAVerifierThatMissesItsDeadlineIsPenalisedAndReplaced() {
    setUp(1_000_000, 1_000_000);
    registerVerifiers();
    ByteString deal = market.deal();
    ByteString t = market.initialize(deal, 0);
    complete(t, HONEST, W1, W2);
    List<Integer> assigned = slots(t, SlotStatus.SLOT_STATUS_ASSIGNED);
    assertEquals(1, assigned.size(), "q = 100 %: every completed deterministic task is checked");
    int lazy = assigned.get(0);
    long kitty = chain.kitty();

    chain.setTime(check(t).getSlots(0).getCommitDeadline());
    chain.block(List.of()); // the deadline has come: 10 % of the bond to the kitty (which pays
    // the fee below), and a replacement
    assertEquals(900 * RLC, chain.locked(lazy));
    assertEquals(kitty + 100 * RLC, chain.kitty());
    assertEquals(List.of(lazy), slots(t, SlotStatus.SLOT_STATUS_TIMED_OUT));
    List<Integer> replacement = slots(t, SlotStatus.SLOT_STATUS_ASSIGNED);
    assertEquals(1, replacement.size());
    int v = replacement.get(0);
    long before = chain.balance(v);
    commitAndReveal(t, replacement, HONEST);
    assertEquals(CheckOutcome.CHECK_OUTCOME_UPHELD, check(t).getOutcome());
    assertEquals(before + 100_000_000L, chain.balance(v), "the 0.1 RLC fee from the kitty");
    assertEquals(TaskStatus.TASK_STATUS_COMPLETED, chain.task(t).getStatus());
    // the lazy verifier can leave (no open check), with what is left of its bond
    ok(chain.exec(lazy, VerifyMsgs.deregister()));
    assertEquals(0, chain.locked(lazy));
    chain.passReversalWindow(t);
    assertEquals(TaskStatus.TASK_STATUS_SETTLED, chain.task(t).getStatus());
  }

  @Test
  void aCheckStillOpenWhenTheWindowEndsResolvesForTheConsensusAndTheTaskSettles() {
    setUp(1_000_000, 500); // the window (500 s) ends before the commit deadline (700 s)
    registerVerifiers();
    ByteString deal = market.deal();
    ByteString t = market.initialize(deal, 0);
    complete(t, HONEST, W1, W2);
    int v = slots(t, SlotStatus.SLOT_STATUS_ASSIGNED).get(0);
    long w1 = chain.balance(W1) + chain.pending(W1);
    chain.passReversalWindow(t);
    assertEquals(CheckOutcome.CHECK_OUTCOME_UPHELD, check(t).getOutcome());
    assertEquals(TaskStatus.TASK_STATUS_SETTLED, chain.task(t).getStatus());
    assertEquals(900 * RLC, chain.locked(v), "the silent verifier is penalised");
    assertEquals(w1, chain.balance(W1));
  }

  @Test
  void everyRefusalHasItsCode() {
    setUp(0, 1_000_000);
    ByteString deal = market.deal();
    ByteString t = market.initialize(deal, 0);
    refused(TxCode.SCORE_TOO_LOW, chain.exec(W1, VerifyMsgs.register()));
    refused(TxCode.UNKNOWN_VERIFIER, chain.exec(W1, VerifyMsgs.deregister()));
    refused(TxCode.WRONG_TASK_STATUS, chain.exec(CHALLENGER, VerifyMsgs.challenge(t)));
    complete(t, HONEST, W1, W2);
    refused(TxCode.NO_VERIFIERS, chain.exec(CHALLENGER, VerifyMsgs.challenge(t)));
    assertEquals(0, chain.locked(CHALLENGER), "a refused challenge locks nothing");
    registerVerifiers();
    refused(TxCode.VERIFIER_EXISTS, chain.exec(VERIFIERS[0], VerifyMsgs.register()));
    refused(
        TxCode.NO_OPEN_CHECK,
        chain.exec(
            VERIFIERS[0],
            VerifyMsgs.commit(chain.address(VERIFIERS[0]), t, PocoMsgs.digest(HONEST))));
    refused(
        TxCode.UNKNOWN_TASK,
        chain.exec(CHALLENGER, VerifyMsgs.challenge(ByteString.copyFrom(new byte[32]))));
    refused(
        TxCode.INVALID_PARAMETER,
        chain.exec(CHALLENGER, VerifyMsgs.challenge(ByteString.copyFrom(new byte[31]))));
    ok(chain.exec(CHALLENGER, VerifyMsgs.challenge(t)));
    refused(TxCode.CHECK_OPEN, chain.exec(W3, VerifyMsgs.challenge(t)));
    int v = slots(t, SlotStatus.SLOT_STATUS_ASSIGNED).get(0);
    refused(TxCode.VERIFIER_BUSY, chain.exec(v, VerifyMsgs.deregister()));
    int other = v == VERIFIERS[0] ? VERIFIERS[1] : VERIFIERS[0];
    refused(
        TxCode.NOT_ASSIGNED,
        chain.exec(other, VerifyMsgs.commit(chain.address(other), t, PocoMsgs.digest(HONEST))));
    refused(TxCode.NOT_ASSIGNED, chain.exec(v, VerifyMsgs.reveal(t, PocoMsgs.digest(HONEST))));
    ok(chain.exec(v, VerifyMsgs.commit(chain.address(v), t, PocoMsgs.digest(HONEST))));
    refused(TxCode.REVEAL_MISMATCH, chain.exec(v, VerifyMsgs.reveal(t, PocoMsgs.digest(WRONG))));
    ok(chain.exec(v, VerifyMsgs.reveal(t, PocoMsgs.digest(HONEST))));
    assertEquals(CheckOutcome.CHECK_OUTCOME_UPHELD, check(t).getOutcome());
    // upheld: the challenger's bond goes to the verifier
    assertEquals(FUNDS - 100 * RLC, chain.balance(CHALLENGER) + chain.locked(CHALLENGER));
    chain.passReversalWindow(t);
    refused(TxCode.WRONG_TASK_STATUS, chain.exec(CHALLENGER, VerifyMsgs.challenge(t)));
  }

  @Test
  void theDrawIsDeterministicWeightedByBondAndHonoursExclusions() {
    setUp(0, 1_000_000);
    registerVerifiers();
    ByteString seed = ByteString.copyFromUtf8("seed");
    Set<Address> excluded = new TreeSet<>(Set.of(chain.address(VERIFIERS[0])));
    int[] hits = new int[14];
    for (int i = 0; i < 400; i++) {
      ByteString taskId = io.poco.core.crypto.Keccak.hash(ByteString.copyFromUtf8("task " + i));
      List<Address> one = VerifierKeeper.draw(chain.store().latest(), seed, taskId, 0, 2, excluded);
      assertEquals(one, VerifierKeeper.draw(chain.store().latest(), seed, taskId, 0, 2, excluded));
      assertEquals(2, one.size());
      assertFalse(one.contains(chain.address(VERIFIERS[0])));
      assertFalse(one.get(0).equals(one.get(1)));
      hits[account(one.get(0).bytes())]++;
    }
    for (int v = 1; v < VERIFIERS.length; v++) {
      assertTrue(hits[VERIFIERS[v]] > 90, "equal bonds draw about equally: " + hits[VERIFIERS[v]]);
    }
    int selected = 0;
    for (int i = 0; i < 10_000; i++) {
      ByteString taskId = io.poco.core.crypto.Keccak.hash(ByteString.copyFromUtf8("q " + i));
      if (SpotChecks.selected(seed, taskId, 50_000)) {
        selected++;
      }
    }
    assertTrue(selected > 400 && selected < 600, "q = 5 % of 10 000: " + selected);
  }
}
