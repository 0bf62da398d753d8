package io.poco.core.staking;

import com.google.protobuf.ByteString;
import io.poco.core.account.AccountKeeper;
import io.poco.core.crypto.Address;
import io.poco.core.exec.Schema;
import io.poco.proto.v1.Supply;
import io.poco.proto.v1.UnbondingEntry;
import io.poco.proto.v1.Validator;
import io.poco.proto.v1.ValidatorSet;
import io.poco.state.Codecs;
import io.poco.state.KeyValueReader;
import io.poco.state.StateUpdater;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes validators, unbonding entries and the fee pool; slashes. */
public final class StakingKeeper {

  private StakingKeeper() {}

  public static Optional<Validator> validator(KeyValueReader state, Address operator) {
    return Schema.VALIDATORS.get(state, operator.bytes());
  }

  public static void put(StateUpdater state, Validator validator) {
    Schema.VALIDATORS.put(state, validator.getOperator(), validator);
  }

  /** The operator of the validator whose consensus address is {@code consensusAddress}. */
  public static Optional<Validator> byConsensusAddress(
      KeyValueReader state, ByteString consensusAddress) {
    return Schema.CONSENSUS_ADDRESSES
        .get(state, consensusAddress)
        .flatMap(op -> Schema.VALIDATORS.get(state, op));
  }

  /** Voting power: whole RLC bonded. */
  public static long power(Validator v) {
    return v.getBonded() / StakingParamsKeeper.NRLC_PER_POWER;
  }

  /** Every validator in operator order. */
  public static List<Validator> all(KeyValueReader state) {
    List<Validator> out = new ArrayList<>();
    Schema.VALIDATORS.scan(
        state,
        null,
        Integer.MAX_VALUE,
        (k, v) -> {
          out.add(v);
          return true;
        });
    return out;
  }

  /** The unbonding entries of {@code operator}, oldest completion first. */
  public static List<UnbondingEntry> unbonding(KeyValueReader state, Address operator) {
    List<UnbondingEntry> out = new ArrayList<>();
    Schema.UNBONDING.scan(
        state,
        null,
        Integer.MAX_VALUE,
        (k, e) -> {
          if (e.getOperator().equals(operator.bytes())) {
            out.add(e);
          }
          return true;
        });
    return out;
  }

  static ByteString unbondingKey(long completionTime, ByteString operator, long creationHeight) {
    return Codecs.UINT64
        .encode(completionTime)
        .concat(operator)
        .concat(Codecs.UINT64.encode(creationHeight));
  }

  static ByteString unbondingKey(UnbondingEntry e) {
    return unbondingKey(e.getCompletionTime(), e.getOperator(), e.getCreationHeight());
  }

  /** How many unbonding entries {@code operator} has. */
  public static long unbondingCount(KeyValueReader state, ByteString operator) {
    return Schema.UNBONDING_COUNTS.get(state, operator).orElse(0L);
  }

  /**
   * Adds {@code amount} to the entry of this operator, completion time and height (one entry per
   * block at most), creating it if needed.
   */
  static void addUnbonding(
      StateUpdater state, ByteString operator, long amount, long height, long completionTime) {
    ByteString key = unbondingKey(completionTime, operator, height);
    Optional<UnbondingEntry> existing = Schema.UNBONDING.get(state, key);
    UnbondingEntry entry =
        existing
            .map(
                e ->
                    e.toBuilder()
                        .setInitialBalance(Math.addExact(e.getInitialBalance(), amount))
                        .setBalance(Math.addExact(e.getBalance(), amount))
                        .build())
            .orElseGet(
                () ->
                    UnbondingEntry.newBuilder()
                        .setOperator(operator)
                        .setCreationHeight(height)
                        .setCompletionTime(completionTime)
                        .setInitialBalance(amount)
                        .setBalance(amount)
                        .build());
    Schema.UNBONDING.put(state, key, entry);
    if (existing.isEmpty()) {
      Schema.UNBONDING_COUNTS.put(
          state, operator, Math.addExact(unbondingCount(state, operator), 1));
    }
  }

  private static void removeUnbonding(StateUpdater state, UnbondingEntry e) {
    Schema.UNBONDING.delete(state, unbondingKey(e));
    long left = unbondingCount(state, e.getOperator()) - 1;
    if (left <= 0) {
      Schema.UNBONDING_COUNTS.delete(state, e.getOperator());
    } else {
      Schema.UNBONDING_COUNTS.put(state, e.getOperator(), left);
    }
  }

  /** Pays back every entry due at {@code now}; returns them. */
  static List<UnbondingEntry> matureUnbonding(StateUpdater state, long now) {
    List<UnbondingEntry> due = new ArrayList<>();
    Schema.UNBONDING.scan(
        state,
        null,
        Integer.MAX_VALUE,
        (k, e) -> {
          if (e.getCompletionTime() > now) {
            return false;
          }
          due.add(e);
          return true;
        });
    for (UnbondingEntry e : due) {
      removeUnbonding(state, e);
      if (e.getBalance() > 0) {
        AccountKeeper.credit(state, new Address(e.getOperator()), e.getBalance());
      }
    }
    return due;
  }

  /**
   * Slashes {@code bps} of {@code basis} nRLC from {@code operator}: first each unbonding entry
   * created after {@code infractionHeight} loses {@code bps} of its initial balance (what was
   * bonded at the infraction and left since), then the rest comes from the bonded stake, as far as
   * it goes. The slashed nRLC go to the fee pool. Returns the amount slashed.
   */
  static long slash(
      StateUpdater state, ByteString operator, long basis, int bps, long infractionHeight) {
    long target = StakingParamsKeeper.fraction(basis, bps);
    long slashed = 0;
    List<UnbondingEntry> entries = new ArrayList<>();
    Schema.UNBONDING.scan(
        state,
        null,
        Integer.MAX_VALUE,
        (k, e) -> {
          if (e.getOperator().equals(operator) && e.getCreationHeight() > infractionHeight) {
            entries.add(e);
          }
          return true;
        });
    for (UnbondingEntry e : entries) {
      long cut =
          Math.min(
              Math.min(StakingParamsKeeper.fraction(e.getInitialBalance(), bps), e.getBalance()),
              target - slashed);
      if (cut <= 0) {
        continue;
      }
      Schema.UNBONDING.put(
          state, unbondingKey(e), e.toBuilder().setBalance(e.getBalance() - cut).build());
      slashed += cut;
    }
    Validator v = Schema.VALIDATORS.get(state, operator).orElseThrow();
    long fromBonded = Math.min(target - slashed, v.getBonded());
    if (fromBonded > 0) {
      put(state, v.toBuilder().setBonded(v.getBonded() - fromBonded).build());
      slashed += fromBonded;
    }
    addToFeePool(state, slashed);
    return slashed;
  }

  static void addToFeePool(StateUpdater state, long amount) {
    if (amount == 0) {
      return;
    }
    Supply supply = Schema.SUPPLY.get(state, Schema.SINGLETON).orElseThrow();
    Schema.SUPPLY.put(
        state,
        Schema.SINGLETON,
        supply.toBuilder().setFeePool(Math.addExact(supply.getFeePool(), amount)).build());
  }

  /** Every nRLC held by staking: bonded stakes and unbonding balances (for the supply audit). */
  public static long held(KeyValueReader state) {
    long[] sum = {0};
    Schema.VALIDATORS.scan(
        state,
        null,
        Integer.MAX_VALUE,
        (k, v) -> {
          sum[0] = Math.addExact(sum[0], v.getBonded());
          return true;
        });
    Schema.UNBONDING.scan(
        state,
        null,
        Integer.MAX_VALUE,
        (k, e) -> {
          sum[0] = Math.addExact(sum[0], e.getBalance());
          return true;
        });
    return sum[0];
  }

  /**
   * The validator set CometBFT uses at {@code height}, as the application tracks it; empty when the
   * height is not tracked (too old, too far ahead, or a genesis without staked validators).
   */
  public static Optional<ValidatorSet> setAt(KeyValueReader state, long height) {
    return Schema.VALIDATOR_SETS.get(state, height);
  }
}
