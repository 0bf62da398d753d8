package io.poco.core.task;

import static io.poco.core.task.PocoChainFixture.RLC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.poco.core.exec.ChainEvent;
import io.poco.core.exec.ExecutionResult;
import io.poco.core.ids.PocoIds;
import io.poco.core.tx.TxCode;
import io.poco.proto.v1.RevealItem;
import io.poco.proto.v1.SignedContribution;
import io.poco.proto.v1.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's batches: each item is checked as if submitted alone; bad items are reported and
 * leave no trace; an all-bad batch is refused with the first item's code. Every item is findable by
 * {@code task.id}.
 */
class BatchTest {

  private static final int SCHEDULER = 2;
  private static final int REQUESTER = 3;
  private static final int W1 = 4;
  private static final int W2 = 5;
  private static final int W3 = 6;

  private final PocoChainFixture chain =
      new PocoChainFixture(8, 100 * RLC, PocoChainFixture.categories(100), new long[0]);
  private final PocoMarket market = new PocoMarket(chain);
  private final ByteString dealId;
  private final ByteString t0;
  private final ByteString t1;

  BatchTest() {
    market.poolPrice = 10 * RLC;
    market.trust = 100;
    market.volume = 2;
    market.register();
    dealId = market.deal();
    t0 = market.initialize(dealId, 0);
    t1 = market.initialize(dealId, 1);
  }

  @Test
  void aPartlyBadBatchAppliesTheGoodItemsAndReportsTheBadOnes() {
    List<SignedContribution> items = new ArrayList<>();
    items.addAll(market.contributions(t0, new int[] {W1}, new int[] {7}));
    SignedContribution badSig =
        market.contributions(t0, new int[] {W2}, new int[] {7}).get(0).toBuilder()
            .setSignature(ByteString.copyFrom(new byte[65]))
            .build();
    items.add(badSig);
    items.addAll(market.contributions(t0, new int[] {W1}, new int[] {8}));
    items.addAll(market.contributions(t1, new int[] {W1, W3}, new int[] {7, 7}));
    items.addAll(market.contributions(PocoIds.taskId(dealId, 5), new int[] {W2}, new int[] {7}));
    ExecutionResult r = chain.exec(SCHEDULER, PocoMsgs.contributeBatch(items));
    assertEquals(TxCode.OK, r.outcome().code(), r.outcome().log());

    assertEquals("3", PocoChainFixture.attr(r, "batch", "accepted"));
    assertEquals("3", PocoChainFixture.attr(r, "batch", "rejected"));
    List<String> codes = new ArrayList<>();
    for (ChainEvent e : PocoChainFixture.events(r, "task")) {
      if ("rejected".equals(PocoChainFixture.value(e, "result"))) {
        codes.add(PocoChainFixture.value(e, "item") + ":" + PocoChainFixture.value(e, "code"));
      }
    }
    assertEquals(
        List.of("1:INVALID_CONTRIBUTION_SIGNATURE", "2:ALREADY_CONTRIBUTED", "5:UNKNOWN_TASK"),
        codes);
    assertEquals(6 * RLC, chain.locked(W1));
    assertEquals(0, chain.locked(W2));
    assertEquals(3 * RLC, chain.locked(W3));
    assertEquals(1, chain.task(t0).getContributorCount());
    assertEquals(2, chain.task(t1).getContributorCount());
    assertEquals(
        ResultBinding.resultHash(t0, PocoMsgs.digest(7)),
        chain.contribution(t0, W1).getResultHash());
  }

  @Test
  void prefetchingMalformedSignaturesThrowsNothingAndExecutionStillDecides() {
    SignedContribution good = market.contributions(t0, new int[] {W1}, new int[] {7}).get(0);
    List<SignedContribution> bad =
        List.of(
            good.toBuilder().setSignature(ByteString.copyFrom(new byte[65])).build(),
            good.toBuilder().setSignature(ByteString.copyFrom(new byte[3])).build(),
            good.toBuilder().setSignature(ByteString.EMPTY).build(),
            good.toBuilder().setTaskId(ByteString.copyFrom(new byte[5])).build());
    String chainId = PocoChainFixture.CHAIN_ID;
    new ContributeBatchHandler().prefetch(chainId, PocoMsgs.contributeBatch(bad));
    List<ByteString> authorizations =
        List.of(
            ByteString.EMPTY, ByteString.copyFrom(new byte[65]), ByteString.copyFrom(new byte[9]));
    for (SignedContribution c : bad) {
      for (ByteString a : authorizations) {
        new ContributeHandler().prefetch(chainId, PocoMsgs.contribute(c, a));
      }
    }
    for (ByteString a : authorizations) {
      new ContributeHandler().prefetch(chainId, PocoMsgs.contribute(good, a));
    }

    ExecutionResult refused = chain.exec(SCHEDULER, PocoMsgs.contributeBatch(bad));
    assertEquals(TxCode.INVALID_CONTRIBUTION_SIGNATURE, refused.outcome().code());
    ExecutionResult unauthorized =
        chain.exec(W1, PocoMsgs.contribute(good, ByteString.copyFrom(new byte[65])));
    assertEquals(TxCode.INVALID_AUTHORIZATION, unauthorized.outcome().code());
    assertEquals(0, chain.locked(W1));
    ExecutionResult accepted = chain.exec(SCHEDULER, PocoMsgs.contributeBatch(List.of(good)));
    assertEquals(TxCode.OK, accepted.outcome().code(), accepted.outcome().log());
    assertEquals(3 * RLC, chain.locked(W1));
  }

  @Test
  void anAllBadBatchIsRefusedWithTheFirstItemsCodeAndChangesNothing() {
    market.contribute(t0, new int[] {W1}, new int[] {7});
    long locked = chain.locked(W1);
    ExecutionResult r =
        chain.exec(
            SCHEDULER,
            PocoMsgs.contributeBatch(
                market.contributions(t0, new int[] {W1, W1}, new int[] {8, 9})));
    assertEquals(TxCode.ALREADY_CONTRIBUTED, r.outcome().code());
    assertTrue(r.outcome().log().contains("item 0: ALREADY_CONTRIBUTED"), r.outcome().log());
    assertTrue(r.outcome().log().contains("item 1: ALREADY_CONTRIBUTED"), r.outcome().log());
    assertEquals(locked, chain.locked(W1));
    assertEquals(1, chain.task(t0).getContributorCount());
  }

  @Test
  void onlyTheTasksSchedulerMayBatch() {
    ExecutionResult r =
        chain.exec(
            REQUESTER,
            PocoMsgs.contributeBatch(market.contributions(t0, new int[] {W1}, new int[] {7})));
    assertEquals(TxCode.NOT_AUTHORIZED, r.outcome().code());
    assertEquals(0, chain.locked(W1));
  }

  @Test
  void anEmptyBatchIsRefusedStatelessly() {
    ExecutionResult r = chain.exec(SCHEDULER, PocoMsgs.contributeBatch(List.of()));
    assertEquals(TxCode.INVALID_PARAMETER, r.outcome().code());
  }

  @Test
  void aRevealBatchAppliesEachBindingDigest() {
    market.trust = 2;
    market.volume = 1;
    ByteString deal2 = market.deal();
    ByteString t = market.initialize(deal2, 0);
    // Trust 2: consensus with the first vote; the second worker agrees in the same batch? No:
    // the task is REVEALING after the first item, so the second is refused as WRONG_TASK_STATUS.
    ExecutionResult c = market.contribute(t, new int[] {W1, W2}, new int[] {7, 7});
    assertEquals(TxCode.OK, c.outcome().code());
    assertEquals("1", PocoChainFixture.attr(c, "batch", "rejected"));
    assertEquals(TaskStatus.TASK_STATUS_REVEALING, chain.task(t).getStatus());
    List<RevealItem> reveals =
        List.of(
            PocoMsgs.revealItem(t, chain.address(W1).bytes(), PocoMsgs.digest(8)),
            PocoMsgs.revealItem(t, chain.address(W1).bytes(), PocoMsgs.digest(7)),
            PocoMsgs.revealItem(t, chain.address(W2).bytes(), PocoMsgs.digest(7)));
    ExecutionResult r = chain.exec(SCHEDULER, PocoMsgs.revealBatch(reveals));
    assertEquals(TxCode.OK, r.outcome().code(), r.outcome().log());
    assertEquals("1", PocoChainFixture.attr(r, "batch", "accepted"));
    assertEquals(1, chain.task(t).getRevealCount());
    ExecutionResult f = market.finalizeTask(t);
    assertEquals(TxCode.OK, f.outcome().code(), f.outcome().log());
  }

  @Test
  void aRevealOnAWorkersBehalfNeedsTheScheduler() {
    market.trust = 2;
    market.volume = 1;
    ByteString t = market.initialize(market.deal(), 0);
    market.contribute(t, new int[] {W1}, new int[] {7});
    ExecutionResult r =
        chain.exec(
            REQUESTER,
            PocoMsgs.revealBatch(
                List.of(PocoMsgs.revealItem(t, chain.address(W1).bytes(), PocoMsgs.digest(7)))));
    assertEquals(TxCode.NOT_AUTHORIZED, r.outcome().code());
  }

  @Test
  void everyTaskTransactionCarriesATaskEventWithTheHexId() {
    market.trust = 2;
    market.volume = 1;
    ByteString t = market.initialize(market.deal(), 0);
    String id = PocoIds.hex(t);
    List<ExecutionResult> results =
        List.of(
            market.contribute(t, new int[] {W1}, new int[] {7}),
            market.reveal(t, new int[] {W1}, new int[] {7}),
            market.finalizeTask(t));
    for (ExecutionResult r : results) {
      assertEquals(TxCode.OK, r.outcome().code(), r.outcome().log());
      boolean found = false;
      for (ChainEvent e : PocoChainFixture.events(r, "task")) {
        found |= id.equals(PocoChainFixture.value(e, "id"));
      }
      assertTrue(found, "a task event with id " + id + " in " + r.events());
    }
    assertFalse(PocoChainFixture.events(results.get(2), "payout").isEmpty());
  }
}
