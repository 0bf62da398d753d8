package io.poco.core.economics;

import io.poco.core.account.AccountKeeper;
import io.poco.core.crypto.Address;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.Account;
import io.poco.state.StateUpdater;

/** Moves nRLC between an account's spendable balance and its {@code locked} escrow. */
public final class Escrow {

  private Escrow() {}

  /** Spendable → locked, or INSUFFICIENT_FUNDS with nothing changed. */
  public static TxOutcome lock(StateUpdater state, Address owner, long amount, String what) {
    if (amount < 0) {
      throw new IllegalArgumentException("negative lock");
    }
    Account account = AccountKeeper.get(state, owner);
    if (account.getBalance() < amount) {
      return TxOutcome.fail(
          TxCode.INSUFFICIENT_FUNDS,
          owner
              + " has "
              + account.getBalance()
              + " nRLC spendable, cannot lock "
              + amount
              + " for "
              + what);
    }
    AccountKeeper.put(
        state,
        owner,
        account.toBuilder()
            .setBalance(account.getBalance() - amount)
            .setLocked(Math.addExact(account.getLocked(), amount))
            .build());
    return TxOutcome.OK;
  }

  /**
   * Takes {@code amount} out of the owner's locked escrow (to be paid or returned by the caller).
   * Escrow short of the amount is a broken invariant: it halts rather than diverge.
   */
  public static void takeLocked(StateUpdater state, Address owner, long amount) {
    Account account = AccountKeeper.get(state, owner);
    if (amount < 0 || account.getLocked() < amount) {
      throw new IllegalStateException(
          "escrow invariant broken: "
              + owner
              + " has "
              + account.getLocked()
              + " locked, not "
              + amount);
    }
    AccountKeeper.put(
        state, owner, account.toBuilder().setLocked(account.getLocked() - amount).build());
  }
}
