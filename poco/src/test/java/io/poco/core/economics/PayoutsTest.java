package io.poco.core.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.proto.v1.Deal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The settlements of poco.md §3 and §5 as pure functions, to the nRLC. */
class PayoutsTest {

  private static final long RLC = 1_000_000_000L;
  private static final Address APP_OWNER = addr(1);
  private static final Address DATASET_OWNER = addr(2);
  private static final Address SCHEDULER = addr(3);
  private static final Address REQUESTER = addr(4);
  private static final Address LOSER = addr(5);
  private static final Address W32 = addr(6);
  private static final Address W99 = addr(7);

  private static final Deal DEAL =
      Deal.newBuilder()
          .setAppOwner(APP_OWNER.bytes())
          .setDatasetOwner(DATASET_OWNER.bytes())
          .setDatasetPrice(RLC)
          .setWorkerpoolOwner(SCHEDULER.bytes())
          .setWorkerpoolPrice(20 * RLC)
          .setRequester(REQUESTER.bytes())
          .setWorkerStake(7 * RLC)
          .setSchedulerStake(6 * RLC)
          .setSchedulerRewardRatio(5)
          .build();

  @Test
  void theWorkedExampleOfSection5() {
    Settlement s =
        Payouts.finalize(
            DEAL,
            List.of(
                new Contributor(LOSER, false, 1, 7 * RLC),
                new Contributor(W32, true, 5, 7 * RLC),
                new Contributor(W99, true, 6, 7 * RLC)),
            0);
    Map<String, Long> paid = byRecipientAndKind(s);
    assertEquals(RLC, paid.get(DATASET_OWNER + "/DATASET_REWARD"));
    assertEquals(11_659_090_909L, paid.get(W32 + "/WORKER_REWARD"));
    assertEquals(13_990_909_090L, paid.get(W99 + "/WORKER_REWARD"));
    assertEquals(7 * RLC, paid.get(W32 + "/WORKER_STAKE_RETURN"));
    assertEquals(1_350_000_001L, paid.get(SCHEDULER + "/SCHEDULER_REWARD"));
    assertEquals(6 * RLC, paid.get(SCHEDULER + "/SCHEDULER_STAKE_RETURN"));
    assertEquals(null, paid.get(LOSER + "/WORKER_STAKE_RETURN"));
    // Seized: the requester's 21, the scheduler's 6, three stakes of 7.
    assertEquals(21 * RLC + 6 * RLC + 21 * RLC, s.total());
  }

  @Test
  void theKittyBonusIsTenPercentAtLeastOneRlcAtMostTheKitty() {
    assertEquals(0, Payouts.kittyBonus(0));
    assertEquals(RLC / 2, Payouts.kittyBonus(RLC / 2));
    assertEquals(RLC, Payouts.kittyBonus(3 * RLC));
    assertEquals(5 * RLC, Payouts.kittyBonus(50 * RLC));
    assertEquals(5 * RLC + 1, Payouts.kittyBonus(50 * RLC + 19));
    Settlement s = Payouts.fastFinalize(DEAL, W32, 50 * RLC);
    assertEquals(5 * RLC, byRecipientAndKind(s).get(SCHEDULER + "/KITTY_BONUS"));
  }

  @Test
  void theFastPathPaysTheWorkerItsShareAndTheSchedulerTheRest() {
    Map<String, Long> paid = byRecipientAndKind(Payouts.fastFinalize(DEAL, W32, 0));
    assertEquals(19 * RLC, paid.get(W32 + "/WORKER_REWARD"));
    assertEquals(RLC, paid.get(SCHEDULER + "/SCHEDULER_REWARD"));
    assertEquals(null, paid.get(W32 + "/WORKER_STAKE_RETURN"));
  }

  @Test
  void claimRefundsTheRequesterFeedsTheKittyAndReturnsEveryStake() {
    Settlement s =
        Payouts.claim(
            DEAL,
            List.of(new Contributor(LOSER, false, 1, 7 * RLC), new Contributor(W32, false, 5, 0)));
    Map<String, Long> paid = byRecipientAndKind(s);
    assertEquals(21 * RLC, paid.get(REQUESTER + "/REQUESTER_REFUND"));
    assertEquals(6 * RLC, paid.get(new Address(ByteString.copyFrom(new byte[20])) + "/TO_KITTY"));
    assertEquals(7 * RLC, paid.get(LOSER + "/WORKER_STAKE_RETURN"));
    assertEquals(34 * RLC, s.total());
  }

  @Test
  void roundingDustGoesToTheScheduler() {
    Deal odd = DEAL.toBuilder().setWorkerpoolPrice(10).setSchedulerRewardRatio(0).build();
    Settlement s =
        Payouts.finalize(
            odd,
            List.of(
                new Contributor(W32, true, 1, 0),
                new Contributor(W99, true, 1, 0),
                new Contributor(LOSER, true, 1, 0)),
            0);
    Map<String, Long> paid = byRecipientAndKind(s);
    assertEquals(3, paid.get(W32 + "/WORKER_REWARD"));
    assertEquals(1, paid.get(SCHEDULER + "/SCHEDULER_REWARD"));
  }

  private static Map<String, Long> byRecipientAndKind(Settlement s) {
    Map<String, Long> out = new TreeMap<>();
    for (Payout p : s.payouts()) {
      out.merge(p.recipient() + "/" + p.kind(), p.amount(), Long::sum);
    }
    return out;
  }

  private static Address addr(int b) {
    byte[] a = new byte[20];
    a[19] = (byte) b;
    return new Address(ByteString.copyFrom(a));
  }
}
