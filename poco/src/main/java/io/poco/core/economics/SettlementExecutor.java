package io.poco.core.economics;

import io.poco.core.account.AccountKeeper;
import io.poco.state.StateUpdater;

/**
 * Applies a {@link Settlement}: every debit leaves escrow or the kitty, every payout is credited.
 * This is the one place PoCo pays; the reversal window will route payouts to pending entries here.
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
}
