package io.poco.core.staking;

import com.google.protobuf.ByteString;
import io.poco.core.account.AccountKeeper;
import io.poco.core.crypto.Address;
import io.poco.core.exec.ChainEvent;
import io.poco.core.exec.Schema;
import io.poco.proto.v1.SigningInfo;
import io.poco.proto.v1.StakingParams;
import io.poco.proto.v1.Supply;
import io.poco.proto.v1.UnbondingEntry;
import io.poco.proto.v1.Validator;
import io.poco.proto.v1.ValidatorSet;
import io.poco.proto.v1.ValidatorSetEntry;
import io.poco.state.KeyValueReader;
import io.poco.state.StateUpdater;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The per-block staking work of FinalizeBlock. {@link #begin} runs before the block's transactions:
 * it shares the fee pool among the signers of the previous block, punishes reported misbehaviour
 * and tracks downtime. {@link #end} runs after them: it pays matured unbonding entries, applies due
 * bridge-address changes and returns the validator updates.
 */
public final class StakingBlock {

  /** Jailed for good: the value of {@code jailed_until} of a tombstoned validator. */
  public static final long FOREVER = Long.MAX_VALUE;

  private StakingBlock() {}

  /**
   * Compares {@code decided_last_commit} of block {@code height} (the validators of {@code height -
   * 1}) with the set the application expected there; a message when they differ, empty when they
   * agree or the height is not tracked.
   */
  public static Optional<String> checkCommit(
      KeyValueReader state, long height, List<CommitVote> votes) {
    Optional<ValidatorSet> expected = StakingKeeper.setAt(state, height - 1);
    if (expected.isEmpty() || height <= 1) {
      return Optional.empty();
    }
    TreeMap<String, Long> got = new TreeMap<>();
    for (CommitVote v : votes) {
      got.put(ConsensusKeys.hex(v.address()), v.power());
    }
    TreeMap<String, Long> want = new TreeMap<>();
    for (ValidatorSetEntry e : expected.get().getValidatorsList()) {
      want.put(ConsensusKeys.hex(e.getAddress()), e.getPower());
    }
    if (got.equals(want)) {
      return Optional.empty();
    }
    return Optional.of(
        "validators of height " + (height - 1) + ": CometBFT " + got + ", application " + want);
  }

  /** Fee sharing, evidence and downtime for the block at {@code height} and {@code time}. */
  public static void begin(
      StateUpdater state,
      long height,
      long time,
      List<CommitVote> lastCommit,
      List<Infraction> misbehavior,
      ByteString proposer,
      List<ChainEvent> events) {
    StakingParams params = StakingParamsKeeper.get(state);
    distributeFees(state, lastCommit, events);
    Schema.LAST_PROPOSER.put(state, Schema.SINGLETON, proposer);
    for (Infraction infraction : misbehavior) {
      punishMisbehavior(state, params, height, infraction, events);
    }
    for (CommitVote vote : lastCommit) {
      trackLiveness(state, params, height, time, vote, events);
    }
  }

  private static void distributeFees(
      StateUpdater state, List<CommitVote> lastCommit, List<ChainEvent> events) {
    Supply supply = Schema.SUPPLY.get(state, Schema.SINGLETON).orElse(Supply.getDefaultInstance());
    long pool = supply.getFeePool();
    if (pool == 0) {
      return;
    }
    List<Validator> signers = new ArrayList<>();
    List<Long> weights = new ArrayList<>();
    long total = 0;
    for (CommitVote vote : lastCommit) {
      if (vote.flag() != VoteFlag.COMMIT || vote.power() <= 0) {
        continue;
      }
      Optional<Validator> v = StakingKeeper.byConsensusAddress(state, vote.address());
      if (v.isPresent()) {
        signers.add(v.get());
        weights.add(vote.power());
        total = Math.addExact(total, vote.power());
      }
    }
    if (signers.isEmpty()) {
      return; // no known signer (a genesis without staked validators): the pool waits
    }
    long paid = 0;
    for (int i = 0; i < signers.size(); i++) {
      long share =
          BigInteger.valueOf(pool)
              .multiply(BigInteger.valueOf(weights.get(i)))
              .divide(BigInteger.valueOf(total))
              .longValueExact();
      if (share > 0) {
        AccountKeeper.credit(state, new Address(signers.get(i).getOperator()), share);
        paid += share;
      }
      events.add(
          ChainEvent.of("fee_reward")
              .attr("operator", new Address(signers.get(i).getOperator()))
              .attr("amount", share)
              .build());
    }
    long remainder = pool - paid;
    if (remainder > 0) {
      Optional<Validator> proposer =
          Schema.LAST_PROPOSER
              .get(state, Schema.SINGLETON)
              .flatMap(a -> StakingKeeper.byConsensusAddress(state, a));
      Address to = new Address(proposer.orElse(signers.get(0)).getOperator());
      AccountKeeper.credit(state, to, remainder);
      events.add(
          ChainEvent.of("fee_remainder").attr("operator", to).attr("amount", remainder).build());
    }
    Schema.SUPPLY.put(state, Schema.SINGLETON, supply.toBuilder().setFeePool(0).build());
  }

  private static void punishMisbehavior(
      StateUpdater state,
      StakingParams params,
      long height,
      Infraction infraction,
      List<ChainEvent> events) {
    Optional<Validator> found = StakingKeeper.byConsensusAddress(state, infraction.address());
    if (found.isEmpty() || found.get().getTombstoned()) {
      events.add(
          ChainEvent.of("misbehavior_ignored")
              .attr("address", ConsensusKeys.hex(infraction.address()))
              .attr("reason", found.isEmpty() ? "unknown validator" : "already tombstoned")
              .build());
      return;
    }
    long basis =
        Math.multiplyExact(Math.max(0, infraction.power()), StakingParamsKeeper.NRLC_PER_POWER);
    long slashed =
        StakingKeeper.slash(
            state,
            found.get().getOperator(),
            basis,
            params.getSlashDoubleSignBps(),
            infraction.height());
    Validator v = Schema.VALIDATORS.get(state, found.get().getOperator()).orElseThrow();
    StakingKeeper.put(
        state, v.toBuilder().setJailed(true).setTombstoned(true).setJailedUntil(FOREVER).build());
    Schema.SIGNING_INFO.delete(state, infraction.address());
    events.add(
        ChainEvent.of("slash")
            .attr("operator", new Address(v.getOperator()))
            .attr("reason", infraction.kind())
            .attr("infraction_height", infraction.height())
            .attr("amount", slashed)
            .attr("jailed", true)
            .attr("tombstoned", true)
            .build());
  }

  private static void trackLiveness(
      StateUpdater state,
      StakingParams params,
      long height,
      long time,
      CommitVote vote,
      List<ChainEvent> events) {
    Optional<Validator> found = StakingKeeper.byConsensusAddress(state, vote.address());
    if (found.isEmpty() || found.get().getJailed()) {
      return;
    }
    int window = params.getSignedBlocksWindow();
    SigningInfo info =
        Schema.SIGNING_INFO
            .get(state, vote.address())
            .orElseGet(
                () ->
                    SigningInfo.newBuilder()
                        .setStartHeight(height)
                        .setMissedBitmap(ByteString.copyFrom(new byte[(window + 7) / 8]))
                        .build());
    int index = (int) (info.getCounter() % window);
    byte[] bitmap = info.getMissedBitmap().toByteArray();
    boolean wasMissed = (bitmap[index / 8] & (1 << (index % 8))) != 0;
    boolean missed = vote.flag() == VoteFlag.ABSENT;
    long missedCount = info.getMissed();
    if (missed && !wasMissed) {
      bitmap[index / 8] |= (byte) (1 << (index % 8));
      missedCount++;
    } else if (!missed && wasMissed) {
      bitmap[index / 8] &= (byte) ~(1 << (index % 8));
      missedCount--;
    }
    long counter = info.getCounter() + 1;
    long signed = window - missedCount;
    if (counter >= window && signed * 100 < (long) window * params.getMinSignedPercent()) {
      Validator v = found.get();
      long slashed =
          StakingKeeper.slash(
              state, v.getOperator(), v.getBonded(), params.getSlashDowntimeBps(), height);
      v = Schema.VALIDATORS.get(state, v.getOperator()).orElseThrow();
      long until = Math.addExact(time, params.getDowntimeJailSeconds());
      StakingKeeper.put(state, v.toBuilder().setJailed(true).setJailedUntil(until).build());
      Schema.SIGNING_INFO.delete(state, vote.address());
      events.add(
          ChainEvent.of("slash")
              .attr("operator", new Address(v.getOperator()))
              .attr("reason", "downtime")
              .attr("infraction_height", height - 1)
              .attr("amount", slashed)
              .attr("missed", missedCount)
              .attr("window", window)
              .attr("jailed_until", until)
              .build());
      return;
    }
    Schema.SIGNING_INFO.put(
        state,
        vote.address(),
        info.toBuilder()
            .setCounter(counter)
            .setMissed(missedCount)
            .setMissedBitmap(ByteString.copyFrom(bitmap))
            .build());
  }

  /** Unbonding maturity, bridge changes and the validator updates of block {@code height}. */
  public static List<PowerChange> end(
      StateUpdater state, long height, long time, List<ChainEvent> events) {
    StakingParams params = StakingParamsKeeper.get(state);
    for (UnbondingEntry e : StakingKeeper.matureUnbonding(state, time)) {
      events.add(
          ChainEvent.of("unbonding_complete")
              .attr("operator", new Address(e.getOperator()))
              .attr("amount", e.getBalance())
              .build());
    }
    List<Validator> all = StakingKeeper.all(state);
    for (Validator v : all) {
      if (!v.getPendingBridgeAddress().isEmpty() && time >= v.getBridgeChangeTime()) {
        StakingKeeper.put(
            state,
            v.toBuilder()
                .setBridgeAddress(v.getPendingBridgeAddress())
                .clearPendingBridgeAddress()
                .setBridgeChangeTime(0)
                .build());
        events.add(
            ChainEvent.of("bridge_address_changed")
                .attr("operator", new Address(v.getOperator()))
                .attr("bridge_address", new Address(v.getPendingBridgeAddress()))
                .build());
      }
    }
    return updateSet(state, params, height, events);
  }

  /**
   * Computes the active set, records each validator's reported power and returns the changes. The
   * set CometBFT will use at {@code height + 2} is recorded when the set is tracked.
   */
  static List<PowerChange> updateSet(
      StateUpdater state, StakingParams params, long height, List<ChainEvent> events) {
    List<Validator> all = StakingKeeper.all(state);
    TreeMap<ByteString, Long> active =
        new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    for (Validator v : ActiveSet.select(all, params)) {
      active.put(v.getOperator(), StakingKeeper.power(v));
    }
    Optional<ValidatorSet> current = StakingKeeper.setAt(state, height + 1);
    boolean hadAny = all.stream().anyMatch(v -> v.getPowerInSet() > 0);
    if (active.isEmpty() && hadAny && current.isPresent()) {
      // CometBFT halts on an empty set: keep the last one until someone is eligible again.
      events.add(ChainEvent.of("validator_set_kept").attr("reason", "no eligible").build());
      recordSet(state, height, current, List.of());
      return List.of();
    }
    List<PowerChange> changes = new ArrayList<>();
    List<ValidatorSetEntry> changed = new ArrayList<>();
    for (Validator v : all) {
      long power = active.getOrDefault(v.getOperator(), 0L);
      if (power == v.getPowerInSet()) {
        continue;
      }
      StakingKeeper.put(state, v.toBuilder().setPowerInSet(power).build());
      changes.add(new PowerChange(v.getConsensusPubkey(), power));
      changed.add(
          ValidatorSetEntry.newBuilder()
              .setAddress(ConsensusKeys.address(v.getConsensusPubkey()))
              .setPower(power)
              .build());
      events.add(
          ChainEvent.of("validator_update")
              .attr("operator", new Address(v.getOperator()))
              .attr("address", ConsensusKeys.hex(ConsensusKeys.address(v.getConsensusPubkey())))
              .attr("power", power)
              .attr("effective_height", height + 2)
              .build());
    }
    recordSet(state, height, current, changed);
    return changes;
  }

  private static void recordSet(
      StateUpdater state,
      long height,
      Optional<ValidatorSet> current,
      List<ValidatorSetEntry> changed) {
    if (current.isEmpty()) {
      return;
    }
    TreeMap<ByteString, Long> next = new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    for (ValidatorSetEntry e : current.get().getValidatorsList()) {
      next.put(e.getAddress(), e.getPower());
    }
    for (ValidatorSetEntry e : changed) {
      if (e.getPower() == 0) {
        next.remove(e.getAddress());
      } else {
        next.put(e.getAddress(), e.getPower());
      }
    }
    Schema.VALIDATOR_SETS.put(state, height + 2, toSet(next));
    if (height >= 2) {
      Schema.VALIDATOR_SETS.delete(state, height - 2);
    }
  }

  static ValidatorSet toSet(TreeMap<ByteString, Long> powers) {
    ValidatorSet.Builder b = ValidatorSet.newBuilder();
    powers.forEach(
        (address, power) ->
            b.addValidators(ValidatorSetEntry.newBuilder().setAddress(address).setPower(power)));
    return b.build();
  }
}
