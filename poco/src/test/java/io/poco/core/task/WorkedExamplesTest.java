package io.poco.core.task;

import static io.poco.core.task.PocoChainFixture.RLC;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.poco.core.exec.ExecutionResult;
import io.poco.core.tx.TxCode;
import io.poco.proto.v1.ConsensusGroup;
import io.poco.proto.v1.TaskStatus;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of poco.md §4 and §5, end to end on a chain: workerpool price 20 RLC, dataset
 * price 1 RLC, worker stake ratio 35 %, scheduler ratio 5 %, trust 100, three workers with scores
 * 12, 100 and 300 voting "17", "42", "42".
 */
class WorkedExamplesTest {

  private static final int APP_OWNER = 0;
  private static final int DATASET_OWNER = 1;
  private static final int SCHEDULER = 2;
  private static final int REQUESTER = 3;
  private static final int[] WORKERS = {4, 5, 6};
  private static final int[] VOTES = {17, 42, 42};

  private final PocoChainFixture chain =
      new PocoChainFixture(
          7, 100 * RLC, PocoChainFixture.categories(300), new long[] {0, 0, 0, 0, 12, 100, 300});
  private final PocoMarket market = new PocoMarket(chain);

  WorkedExamplesTest() {
    market.withDataset = true;
    market.datasetPrice = RLC;
    market.poolPrice = 20 * RLC;
    market.stakeRatio = 35;
    market.schedulerRatio = 5;
    market.trust = 100;
    market.register();
  }

  @Test
  void escrowAtMatchIsTheRequesters21AndTheSchedulers6Rlc() {
    market.deal();
    assertEquals(79 * RLC, chain.balance(REQUESTER));
    assertEquals(21 * RLC, chain.locked(REQUESTER));
    assertEquals(94 * RLC, chain.balance(SCHEDULER));
    assertEquals(6 * RLC, chain.locked(SCHEDULER));
  }

  @Test
  void consensusIsReachedOnTheThirdVoteWithCredibility3168Over3172() {
    ByteString taskId = market.initialize(market.deal(), 0);
    for (int i = 0; i < 3; i++) {
      ExecutionResult r = market.contribute(taskId, new int[] {WORKERS[i]}, new int[] {VOTES[i]});
      assertEquals(TxCode.OK, r.outcome().code(), r.outcome().log());
      assertEquals(
          i < 2 ? TaskStatus.TASK_STATUS_ACTIVE : TaskStatus.TASK_STATUS_REVEALING,
          chain.task(taskId).getStatus(),
          "after vote " + (i + 1));
    }
    assertEquals(3, chain.contribution(taskId, 4).getWeight());
    assertEquals(32, chain.contribution(taskId, 5).getWeight());
    assertEquals(99, chain.contribution(taskId, 6).getWeight());
    assertEquals(
        BigInteger.valueOf(3172), Consensus.decode(chain.task(taskId).getConsensusTotal()));
    ConsensusGroup group =
        TaskKeeper.group(
                chain.store().latest(), taskId, chain.contribution(taskId, 5).getResultHash())
            .orElseThrow();
    assertEquals(BigInteger.valueOf(3168), Consensus.decode(group.getWeightProduct()));
    assertEquals(2, chain.task(taskId).getWinnerCount());
    assertEquals(7 * RLC, chain.locked(4));
  }

  @Test
  void payoutsMatchTheIexecExampleToTheNrlc() {
    ByteString taskId = market.initialize(market.deal(), 0);
    ExecutionResult contributed = market.contribute(taskId, WORKERS, VOTES);
    assertEquals(TxCode.OK, contributed.outcome().code(), contributed.outcome().log());
    assertEquals(TaskStatus.TASK_STATUS_REVEALING, chain.task(taskId).getStatus());
    ExecutionResult revealed = market.reveal(taskId, new int[] {5, 6}, new int[] {42, 42});
    assertEquals(TxCode.OK, revealed.outcome().code(), revealed.outcome().log());
    long[] before = new long[7];
    for (int i = 0; i < 7; i++) {
      before[i] = chain.balance(i);
    }
    ExecutionResult finalized = market.finalizeTask(taskId);
    assertEquals(TxCode.OK, finalized.outcome().code(), finalized.outcome().log());
    assertEquals(TaskStatus.TASK_STATUS_COMPLETED, chain.task(taskId).getStatus());

    // The reversal window (poco.md §7): no balance moves at finalize; every payout is pending.
    long[] expected = new long[7];
    expected[APP_OWNER] = 100 * RLC;
    expected[DATASET_OWNER] = 101 * RLC;
    expected[REQUESTER] = 79 * RLC;
    expected[4] = 93 * RLC;
    expected[5] = 100 * RLC + 11_659_090_909L;
    expected[6] = 100 * RLC + 13_990_909_090L;
    expected[SCHEDULER] = 100 * RLC + 1_350_000_001L;
    long release = chain.task(taskId).getFinalTime() + 1_209_600L;
    for (int i = 0; i < 7; i++) {
      assertEquals(before[i], chain.balance(i), "balance of account " + i + " after finalize");
      assertEquals(
          expected[i], chain.balance(i) + chain.pending(i), "balance + pending of account " + i);
      for (io.poco.proto.v1.PendingEntry e : chain.pendingEntries(i)) {
        assertEquals(release, e.getReleaseTime());
        assertEquals(taskId, e.getTaskId());
      }
    }
    assertEquals(0, chain.pending(4), "the losing worker's stake is not returned");

    chain.setTime(release - 1);
    chain.block(List.of());
    assertEquals(TaskStatus.TASK_STATUS_COMPLETED, chain.task(taskId).getStatus());
    assertEquals(before[SCHEDULER], chain.balance(SCHEDULER), "nothing released before its time");

    chain.passReversalWindow(taskId);
    assertEquals(TaskStatus.TASK_STATUS_SETTLED, chain.task(taskId).getStatus());
    assertEquals(0, chain.pendingTotal());
    for (int i = 0; i < 7; i++) {
      assertEquals(expected[i], chain.balance(i), "balance of account " + i + " after release");
    }
    chain.setTime(release + 100);
    chain.block(List.of());
    assertEquals(expected[SCHEDULER], chain.balance(SCHEDULER), "released exactly once");
    for (int i = 0; i < 7; i++) {
      assertEquals(0, chain.locked(i), "locked of account " + i);
    }
    assertEquals(8, chain.score(4));
    assertEquals(101, chain.score(5));
    assertEquals(301, chain.score(6));
  }
}
