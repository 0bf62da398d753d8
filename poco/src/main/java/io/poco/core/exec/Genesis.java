package io.poco.core.exec;

import io.poco.core.account.AccountKeeper;
import io.poco.core.crypto.Address;
import io.poco.core.params.PocoGenesis;
import io.poco.core.params.PocoParamsKeeper;
import io.poco.core.staking.StakingGenesis;
import io.poco.core.tx.TxDecoder;
import io.poco.proto.v1.Account;
import io.poco.proto.v1.ChainParams;
import io.poco.proto.v1.GenesisAccount;
import io.poco.proto.v1.GenesisState;
import io.poco.proto.v1.Supply;
import io.poco.state.StateUpdater;
import java.util.TreeSet;

/** Validates the genesis {@code app_state} and writes the initial state (InitChain). */
public final class Genesis {

  /** The smallest transaction size limit a genesis may set. */
  public static final int MIN_MAX_TX_BYTES = 1024;

  private Genesis() {}

  /**
   * Writes the accounts, parameters and supply of {@code genesis}; throws IllegalArgumentException
   * naming the first problem, so a bad genesis never starts a chain.
   */
  public static void apply(StateUpdater state, GenesisState genesis) {
    ChainParams params = genesis.hasParams() ? genesis.getParams() : TxDecoder.defaultParams();
    validate(params);
    TreeSet<Address> seen = new TreeSet<>();
    long total = 0;
    for (GenesisAccount entry : genesis.getAccountsList()) {
      Address address;
      try {
        address = Address.parse(entry.getAddress());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("genesis account: " + e.getMessage(), e);
      }
      if (!seen.add(address)) {
        throw new IllegalArgumentException("genesis account " + address + " appears twice");
      }
      if (entry.getBalance() < 0) {
        throw new IllegalArgumentException("genesis account " + address + ": balance too large");
      }
      try {
        total = Math.addExact(total, entry.getBalance());
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("genesis balances add up past 2^63-1 nRLC", e);
      }
      AccountKeeper.put(
          state, address, Account.newBuilder().setBalance(entry.getBalance()).build());
    }
    Schema.PARAMS.put(state, Schema.SINGLETON, params);
    PocoGenesis.apply(state, genesis);
    try {
      total =
          Math.addExact(
              total, StakingGenesis.apply(state, genesis, PocoParamsKeeper.reversalWindow(state)));
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("genesis balances and stakes add up past 2^63-1", e);
    }
    Schema.SUPPLY.put(state, Schema.SINGLETON, Supply.newBuilder().setTotal(total).build());
  }

  private static void validate(ChainParams params) {
    if (params.getMaxTxBytes() < MIN_MAX_TX_BYTES) {
      throw new IllegalArgumentException(
          "params.max_tx_bytes must be at least " + MIN_MAX_TX_BYTES);
    }
    if (params.getMaxMsgsPerTx() < 1) {
      throw new IllegalArgumentException("params.max_msgs_per_tx must be at least 1");
    }
    if (params.getMinFeePerMsg() < 0) {
      throw new IllegalArgumentException("params.min_fee_per_msg is too large");
    }
  }
}
