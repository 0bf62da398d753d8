package io.poco.core.exec;

import io.poco.core.staking.StakingKeeper;
import io.poco.proto.v1.Supply;
import io.poco.state.KeyValueReader;

/**
 * The supply invariant of chain.md §1: every nRLC held anywhere in state adds up to the recorded
 * total (genesis allocations plus deposits minus withdrawals). Held means spendable and locked
 * (escrowed) balances, the fee pool, the PoCo kitty, the pending entries of the reversal window
 * (poco.md §7) counted by their running total, bonded stakes and unbonding entries.
 */
public final class SupplyAudit {

  private SupplyAudit() {}

  /** An empty string when the invariant holds, else what is off. Scans every account. */
  public static String check(KeyValueReader state) {
    Supply supply = Schema.SUPPLY.get(state, Schema.SINGLETON).orElse(Supply.getDefaultInstance());
    long kitty = Schema.KITTY.get(state, Schema.SINGLETON).orElse(0L);
    long pending = Schema.PENDING_TOTAL.get(state, Schema.SINGLETON).orElse(0L);
    long[] held = {Math.addExact(Math.addExact(supply.getFeePool(), kitty), pending)};
    Schema.ACCOUNTS.scan(
        state,
        null,
        Integer.MAX_VALUE,
        (address, account) -> {
          held[0] =
              Math.addExact(held[0], Math.addExact(account.getBalance(), account.getLocked()));
          return true;
        });
    held[0] = Math.addExact(held[0], StakingKeeper.held(state));
    if (held[0] != supply.getTotal()) {
      return "supply invariant broken: state holds "
          + held[0]
          + " nRLC, total is "
          + supply.getTotal();
    }
    return "";
  }
}
