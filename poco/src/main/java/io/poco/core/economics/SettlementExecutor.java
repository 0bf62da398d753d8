package io.poco.core.economics;

import com.google.protobuf.ByteString;
import io.poco.core.account.AccountKeeper;
import io.poco.proto.v1.PendingEntry;
import io.poco.state.StateUpdater;

/**
 * Applies a {@link Settlement}: every debit leaves escrow or the kitty, every payout is credited.
 * This is the one place PoCo pays. A finalize's payouts go through {@link #applyPending}: the
 * reversal window (poco.md §7) turns each credit into a pending entry released later by {@link
 * PendingSettlement#releaseDue}; a claim's refunds are paid at once by {@link #apply} (§3).
 */
public final class SettlementExecutor {

  private SettlementExecutor() {}

  public static void apply(StateUpdater state, Settlement settlement) {
    for (Debit debit : settlement.debits()) {
      if (debit.fromKitty()) {
        Kitty.take(state, debit.amount());
      } else {
        Escrow.takeLocked(state, debit.from(), debit.amount());
      }
    }
    for (Payout payout : settlement.payouts()) {
      if (payout.kind() == PayoutKind.TO_KITTY) {
        Kitty.add(state, payout.amount());
      } else {
        AccountKeeper.credit(state, payout.recipient(), payout.amount());
      }
    }
  }

  /**
   * Applies a finalize's settlement: debits as {@link #apply}, the kitty's share at once, and every
   * other payout as a pending entry of {@code taskId} released at {@code releaseTime}. The task is
   * queued to become SETTLED at that time.
   */
  public static void applyPending(
      StateUpdater state, Settlement settlement, ByteString taskId, long releaseTime) {
    for (Debit debit : settlement.debits()) {
      if (debit.fromKitty()) {
        Kitty.take(state, debit.amount());
      } else {
        Escrow.takeLocked(state, debit.from(), debit.amount());
      }
    }
    int index = 0;
    for (Payout payout : settlement.payouts()) {
      if (payout.kind() == PayoutKind.TO_KITTY) {
        Kitty.add(state, payout.amount());
      } else {
        PendingSettlement.add(
            state,
            PendingEntry.newBuilder()
                .setBeneficiary(payout.recipient().bytes())
                .setAmount(payout.amount())
                .setTaskId(taskId)
                .setReleaseTime(releaseTime)
                .setKind(payout.kind().name())
                .build(),
            index++);
      }
    }
    PendingSettlement.queueSettle(state, taskId, releaseTime);
  }
}
