package io.poco.core.account;

import io.poco.core.crypto.Address;
import io.poco.core.exec.Schema;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.Account;
import io.poco.state.KeyValueReader;
import io.poco.state.StateUpdater;

/** Reads and moves account balances. Every amount is nRLC; every sum is overflow-checked. */
public final class AccountKeeper {

  private AccountKeeper() {}

  /** The account, or an empty (zero) account when it has never been written. */
  public static Account get(KeyValueReader state, Address address) {
    return Schema.ACCOUNTS.get(state, address.bytes()).orElse(Account.getDefaultInstance());
  }

  public static void put(StateUpdater state, Address address, Account account) {
    Schema.ACCOUNTS.put(state, address.bytes(), account);
  }

  /** Takes {@code amount} of spendable balance, or fails with INSUFFICIENT_FUNDS. */
  public static TxOutcome debit(StateUpdater state, Address address, long amount) {
    Account account = get(state, address);
    if (amount < 0) {
      return TxOutcome.fail(TxCode.INVALID_AMOUNT, "negative amount");
    }
    if (account.getBalance() < amount) {
      return TxOutcome.fail(
          TxCode.INSUFFICIENT_FUNDS,
          address + " has " + account.getBalance() + " nRLC spendable, needs " + amount);
    }
    put(state, address, account.toBuilder().setBalance(account.getBalance() - amount).build());
    return TxOutcome.OK;
  }

  /**
   * Adds {@code amount} to the spendable balance. A sum past 2^63-1 cannot happen while the supply
   * invariant holds, so it halts rather than wraps.
   */
  public static void credit(StateUpdater state, Address address, long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("negative credit");
    }
    Account account = get(state, address);
    put(
        state,
        address,
        account.toBuilder().setBalance(Math.addExact(account.getBalance(), amount)).build());
  }

  /** Sets the account's next nonce. */
  public static void advanceNonce(StateUpdater state, Address address) {
    Account account = get(state, address);
    put(state, address, account.toBuilder().setNonce(Math.addExact(account.getNonce(), 1)).build());
  }
}
