package io.poco.core.task;

import static io.poco.core.task.PocoChainFixture.RLC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.poco.core.exec.ExecutionResult;
import io.poco.core.exec.Schema;
import io.poco.core.ids.PocoIds;
import io.poco.core.tx.TxCode;
import io.poco.proto.v1.ContributionStatus;
import io.poco.proto.v1.SignedContribution;
import io.poco.proto.v1.Task;
import io.poco.proto.v1.TaskStatus;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The task round of poco.md §3 with timeref 100 s: contribution deadline start + 700, final
 * deadline start + 1000, reveal deadline consensus + 200. Trust 4 with score-0 workers (weight 2)
 * needs two agreeing contributions.
 */
class TaskRoundTest {

  private static final int SCHEDULER = 2;
  private static final int REQUESTER = 3;
  private static final int W1 = 4;
  private static final int W2 = 5;
  private static final int W3 = 6;
  private static final int W4 = 7;
  private static final int W5 = 8;
  private static final int W6 = 9;

  private final PocoChainFixture chain =
      new PocoChainFixture(10, 100 * RLC, PocoChainFixture.categories(100), new long[0]);
  private final PocoMarket market = new PocoMarket(chain);
  private long start;
  private ByteString dealId;
  private ByteString taskId;

  TaskRoundTest() {
    market.poolPrice = 10 * RLC;
    market.trust = 4;
    market.volume = 2;
    market.register();
    start = chain.now();
    dealId = market.deal();
    taskId = market.initialize(dealId, 0);
  }

  private ExecutionResult contribute(int worker, int vote) {
    return market.contribute(taskId, new int[] {worker}, new int[] {vote});
  }

  private void at(long offsetFromStart) {
    chain.setTime(start + offsetFromStart);
  }

  private void ok(ExecutionResult r) {
    assertEquals(TxCode.OK, r.outcome().code(), r.outcome().log());
  }

  private void refused(TxCode code, ExecutionResult r) {
    assertEquals(code, r.outcome().code(), r.outcome().log());
  }

  /** Two agreeing votes at {@code start + at}: REVEALING with reveal deadline at + 200. */
  private void reachConsensus(long at) {
    reachConsensus(at, W1, W2);
  }

  /** Agreeing votes "7" of {@code workers} at {@code start + at}. */
  private void reachConsensus(long at, int... workers) {
    at(at);
    int[] votes = new int[workers.length];
    java.util.Arrays.fill(votes, 7);
    ok(market.contribute(taskId, workers, votes));
    assertEquals(TaskStatus.TASK_STATUS_REVEALING, chain.task(taskId).getStatus());
    assertEquals(start + at + 200, chain.task(taskId).getRevealDeadline());
  }

  @Test
  void initializeSetsTheDeadlinesAndRefusesTwiceOrOutsideTheBag() {
    Task task = chain.task(taskId);
    assertEquals(TaskStatus.TASK_STATUS_ACTIVE, task.getStatus());
    assertEquals(start + 700, task.getContributionDeadline());
    assertEquals(start + 1000, task.getFinalDeadline());
    assertEquals(BigInteger.ONE, Consensus.decode(task.getConsensusTotal()));
    refused(TxCode.WRONG_TASK_STATUS, chain.exec(REQUESTER, PocoMsgs.initialize(dealId, 0)));
    refused(TxCode.TASK_OUT_OF_RANGE, chain.exec(REQUESTER, PocoMsgs.initialize(dealId, 2)));
    refused(
        TxCode.UNKNOWN_DEAL,
        chain.exec(REQUESTER, PocoMsgs.initialize(ByteString.copyFrom(new byte[32]), 0)));
  }

  @Test
  void contributionsCloseStrictlyAtTheContributionDeadline() {
    at(699);
    ok(contribute(W1, 7));
    assertEquals(TaskStatus.TASK_STATUS_ACTIVE, chain.task(taskId).getStatus());
    at(700);
    refused(TxCode.DEADLINE_PASSED, contribute(W2, 7));
    assertEquals(0, chain.locked(W2));
  }

  @Test
  void aWorkerContributesOnceAndItsStakeIsLocked() {
    ok(contribute(W1, 7));
    assertEquals(3 * RLC, chain.locked(W1));
    refused(TxCode.ALREADY_CONTRIBUTED, contribute(W1, 8));
    assertEquals(3 * RLC, chain.locked(W1));
    refused(
        TxCode.UNKNOWN_TASK,
        market.contribute(PocoIds.taskId(dealId, 1), new int[] {W1}, new int[] {7}));
  }

  @Test
  void aWorkerSubmittingAloneNeedsTheSchedulersAuthorization() {
    SignedContribution c = market.contributions(taskId, new int[] {W1}, new int[] {7}).get(0);
    refused(TxCode.NOT_AUTHORIZED, chain.exec(W1, PocoMsgs.contribute(c, ByteString.EMPTY)));
    ByteString forged =
        ContributionSigning.authorize(
            PocoChainFixture.CHAIN_ID, chain.address(W1), taskId, ByteString.EMPTY, chain.key(W2));
    refused(TxCode.INVALID_AUTHORIZATION, chain.exec(W1, PocoMsgs.contribute(c, forged)));
    ByteString auth =
        ContributionSigning.authorize(
            PocoChainFixture.CHAIN_ID,
            chain.address(W1),
            taskId,
            ByteString.EMPTY,
            chain.key(SCHEDULER));
    ok(chain.exec(W1, PocoMsgs.contribute(c, auth)));
    assertEquals(
        ContributionStatus.CONTRIBUTION_STATUS_CONTRIBUTED,
        chain.contribution(taskId, W1).getStatus());
  }

  @Test
  void aBlacklistedWorkerCannotContributeUntilItsBanEnds() {
    chain.poke(s -> Schema.BLACKLIST.put(s, chain.address(W1).bytes(), start + 100));
    at(99);
    refused(TxCode.WORKER_BLACKLISTED, contribute(W1, 7));
    at(100);
    ok(contribute(W1, 7));
  }

  @Test
  void revealsCloseStrictlyAtTheRevealDeadlineAndBindTheDigest() {
    reachConsensus(10);
    at(209);
    refused(TxCode.REVEAL_MISMATCH, chain.exec(W1, PocoMsgs.reveal(taskId, PocoMsgs.digest(8))));
    ok(chain.exec(W1, PocoMsgs.reveal(taskId, PocoMsgs.digest(7))));
    refused(TxCode.ALREADY_REVEALED, chain.exec(W1, PocoMsgs.reveal(taskId, PocoMsgs.digest(7))));
    assertEquals(
        ContributionStatus.CONTRIBUTION_STATUS_PROVED, chain.contribution(taskId, W1).getStatus());
    at(210);
    refused(TxCode.DEADLINE_PASSED, chain.exec(W2, PocoMsgs.reveal(taskId, PocoMsgs.digest(7))));
  }

  @Test
  void aContributionOutsideTheConsensusCannotReveal() {
    at(5);
    ok(contribute(W3, 9));
    // Against W3's weight, four agreeing weights of 2 are needed: 16·4 > 19·3.
    reachConsensus(10, W1, W2, W4, W5);
    refused(TxCode.NOT_IN_CONSENSUS, chain.exec(W3, PocoMsgs.reveal(taskId, PocoMsgs.digest(9))));
    refused(TxCode.NOT_IN_CONSENSUS, chain.exec(W6, PocoMsgs.reveal(taskId, PocoMsgs.digest(7))));
    refused(TxCode.WRONG_TASK_STATUS, contribute(W6, 7));
  }

  @Test
  void reopenNeedsTheRevealDeadlineAndNoRevealThenRejectsTheWinners() {
    at(5);
    ok(contribute(W3, 9));
    reachConsensus(10, W1, W2, W4, W5);
    at(209);
    refused(TxCode.TOO_EARLY, chain.exec(SCHEDULER, PocoMsgs.reopen(taskId)));
    at(210);
    refused(TxCode.NOT_AUTHORIZED, chain.exec(REQUESTER, PocoMsgs.reopen(taskId)));
    ok(chain.exec(SCHEDULER, PocoMsgs.reopen(taskId)));
    Task task = chain.task(taskId);
    assertEquals(TaskStatus.TASK_STATUS_ACTIVE, task.getStatus());
    assertEquals(BigInteger.valueOf(3), Consensus.decode(task.getConsensusTotal()));
    assertEquals(
        ContributionStatus.CONTRIBUTION_STATUS_REJECTED,
        chain.contribution(taskId, W1).getStatus());
    assertEquals(
        ContributionStatus.CONTRIBUTION_STATUS_CONTRIBUTED,
        chain.contribution(taskId, W3).getStatus());
    refused(TxCode.ALREADY_CONTRIBUTED, contribute(W1, 9));
    // W6 joins W3's group "9": 2·2 = 4 in a total of 5 reaches trust 4.
    ok(contribute(W6, 9));
    assertEquals(TaskStatus.TASK_STATUS_REVEALING, chain.task(taskId).getStatus());
    assertEquals(
        ResultBinding.resultHash(taskId, PocoMsgs.digest(9)),
        chain.task(taskId).getConsensusValue());
  }

  @Test
  void reopenIsRefusedOnceSomeoneRevealedOrAtTheFinalDeadline() {
    reachConsensus(10);
    ok(chain.exec(W1, PocoMsgs.reveal(taskId, PocoMsgs.digest(7))));
    at(210);
    refused(TxCode.ALREADY_REVEALED, chain.exec(SCHEDULER, PocoMsgs.reopen(taskId)));
    at(1000);
    refused(TxCode.DEADLINE_PASSED, chain.exec(SCHEDULER, PocoMsgs.reopen(taskId)));
  }

  @Test
  void finalizeNeedsEveryWinnerOrOneAfterTheRevealDeadline() {
    reachConsensus(10);
    ok(chain.exec(W1, PocoMsgs.reveal(taskId, PocoMsgs.digest(7))));
    at(209);
    refused(TxCode.REVEALS_INCOMPLETE, market.finalizeTask(taskId));
    refused(TxCode.NOT_AUTHORIZED, chain.exec(REQUESTER, PocoMsgs.finalizeTask(taskId)));
    at(210);
    ok(market.finalizeTask(taskId));
    assertEquals(TaskStatus.TASK_STATUS_COMPLETED, chain.task(taskId).getStatus());
    // W1 proved; W2 did not reveal: its stake of 3 RLC joins the reward of 10 RLC.
    long totalReward = 13 * RLC;
    long workers = totalReward * 99 / 100;
    // Pending for the reversal window (poco.md §7): W1's stake is neither locked nor spendable.
    assertEquals(97 * RLC, chain.balance(W1));
    assertEquals(0, chain.locked(W1));
    assertEquals(3 * RLC + workers, chain.pending(W1));
    chain.passReversalWindow(taskId);
    assertEquals(TaskStatus.TASK_STATUS_SETTLED, chain.task(taskId).getStatus());
    assertEquals(0, chain.pending(W1));
    assertEquals(100 * RLC + workers, chain.balance(W1));
    assertEquals(97 * RLC, chain.balance(W2));
    // The scheduler still has the second task's 3 RLC stake locked.
    assertEquals(97 * RLC + totalReward - workers, chain.balance(SCHEDULER));
    assertEquals(1, chain.score(W1));
    assertEquals(0, chain.score(W2));
    refused(TxCode.WRONG_TASK_STATUS, market.finalizeTask(taskId));
    refused(TxCode.WRONG_TASK_STATUS, chain.exec(REQUESTER, PocoMsgs.claim(dealId, 0)));
  }

  @Test
  void finalizeIsRefusedAtTheFinalDeadline() {
    reachConsensus(690);
    ok(market.reveal(taskId, new int[] {W1}, new int[] {7}));
    at(1000);
    refused(TxCode.DEADLINE_PASSED, market.finalizeTask(taskId));
  }

  @Test
  void claimOpensStrictlyAtTheFinalDeadlineAndReturnsEveryStake() {
    at(5);
    ok(contribute(W1, 7));
    at(999);
    refused(TxCode.TOO_EARLY, chain.exec(W4, PocoMsgs.claim(dealId, 0)));
    at(1000);
    ok(chain.exec(W4, PocoMsgs.claim(dealId, 0)));
    assertEquals(TaskStatus.TASK_STATUS_FAILED, chain.task(taskId).getStatus());
    assertEquals(100 * RLC, chain.balance(W1));
    assertEquals(0, chain.locked(W1));
    // The requester gets one task's price back; the other task is still locked.
    assertEquals(10 * RLC, chain.locked(REQUESTER));
    assertEquals(3 * RLC, chain.locked(SCHEDULER));
    assertEquals(3 * RLC, chain.kitty());
    refused(TxCode.WRONG_TASK_STATUS, chain.exec(W4, PocoMsgs.claim(dealId, 0)));
    // The second task was never initialized: initialize-and-claim.
    ok(chain.exec(W4, PocoMsgs.claim(dealId, 1)));
    assertEquals(TaskStatus.TASK_STATUS_FAILED, chain.task(PocoIds.taskId(dealId, 1)).getStatus());
    assertEquals(0, chain.locked(REQUESTER));
    assertEquals(0, chain.locked(SCHEDULER));
    assertEquals(100 * RLC, chain.balance(REQUESTER));
    assertEquals(6 * RLC, chain.kitty());
  }

  @Test
  void theSchedulerOfTheNextFinalizeGetsTheKittyBonus() {
    at(1000);
    ok(chain.exec(W4, PocoMsgs.claim(dealId, 1)));
    assertEquals(3 * RLC, chain.kitty());
    PocoChainFixture c = chain;
    long before = c.balance(SCHEDULER);
    market.volume = 1;
    ByteString deal2 = market.deal();
    ByteString task2 = market.initialize(deal2, 0);
    ok(market.contribute(task2, new int[] {W1, W2}, new int[] {7, 7}));
    ok(market.reveal(task2, new int[] {W1, W2}, new int[] {7, 7}));
    ok(market.finalizeTask(task2));
    assertEquals(before - 3 * RLC, c.balance(SCHEDULER), "its stake is locked, nothing paid yet");
    c.passReversalWindow(task2);
    // 1 RLC bonus (10 % of 3 RLC is below the 1 RLC floor) plus 1 % of 10 RLC.
    assertEquals(2 * RLC, c.kitty());
    assertEquals(before + RLC + RLC / 10, c.balance(SCHEDULER));
    List<String> kinds =
        PocoChainFixture.events(market.finalizeTask(task2), "payout").stream()
            .map(e -> PocoChainFixture.value(e, "kind"))
            .toList();
    assertTrue(kinds.isEmpty());
  }

  @Test
  void theFastPathCompletesATrustOneTaskWithoutStake() {
    market.trust = 1;
    market.volume = 1;
    start = chain.now();
    ByteString deal1 = market.deal();
    ByteString task1 = market.initialize(deal1, 0);
    refused(
        TxCode.NOT_AUTHORIZED,
        chain.exec(
            W1, PocoMsgs.contributeAndFinalize(task1, PocoMsgs.digest(1), ByteString.EMPTY)));
    ByteString auth =
        ContributionSigning.authorize(
            PocoChainFixture.CHAIN_ID,
            chain.address(W1),
            task1,
            ByteString.EMPTY,
            chain.key(SCHEDULER));
    long scheduler = chain.balance(SCHEDULER);
    ok(chain.exec(W1, PocoMsgs.contributeAndFinalize(task1, PocoMsgs.digest(1), auth)));
    assertEquals(TaskStatus.TASK_STATUS_COMPLETED, chain.task(task1).getStatus());
    assertEquals(100 * RLC, chain.balance(W1));
    assertEquals(10 * RLC * 99 / 100, chain.pending(W1));
    assertEquals(scheduler, chain.balance(SCHEDULER));
    assertEquals(3 * RLC + RLC / 10, chain.pending(SCHEDULER));
    assertEquals(0, chain.score(W1));
    // Trust 4 has no fast path.
    ByteString auth0 =
        ContributionSigning.authorize(
            PocoChainFixture.CHAIN_ID,
            chain.address(W1),
            taskId,
            ByteString.EMPTY,
            chain.key(SCHEDULER));
    refused(
        TxCode.FAST_PATH_NOT_ALLOWED,
        chain.exec(W1, PocoMsgs.contributeAndFinalize(taskId, PocoMsgs.digest(1), auth0)));
    chain.passReversalWindow(task1);
    assertEquals(TaskStatus.TASK_STATUS_SETTLED, chain.task(task1).getStatus());
    assertEquals(100 * RLC + 10 * RLC * 99 / 100, chain.balance(W1));
    assertEquals(scheduler + 3 * RLC + RLC / 10, chain.balance(SCHEDULER));
  }
}
