package io.poco.core.staking;

import com.google.protobuf.ByteString;
import io.poco.core.account.AccountKeeper;
import io.poco.core.crypto.Address;
import io.poco.core.exec.ChainEvent;
import io.poco.core.exec.MsgContext;
import io.poco.core.exec.MsgHandler;
import io.poco.core.exec.Schema;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.StakingParams;
import io.poco.proto.v1.Validator;
import java.util.List;
import java.util.Optional;

/** The staking message handlers, for {@code TxProcessor.standard()}. */
public final class StakingHandlers {

  private StakingHandlers() {}

  public static List<MsgHandler> all() {
    return List.of(
        new CreateValidatorHandler(),
        new StakeHandler(),
        new UnbondHandler(),
        new UnjailHandler(),
        new EditValidatorHandler());
  }

  static TxOutcome positive(String what, long amount) {
    if (amount <= 0) {
      return TxOutcome.fail(
          TxCode.INVALID_AMOUNT,
          amount == 0 ? what + ": amount must be positive" : what + ": amount exceeds 2^63-1 nRLC");
    }
    return TxOutcome.OK;
  }

  static TxOutcome bridgeAddress(String what, ByteString bytes) {
    if (!Address.isValid(bytes) || bytes.equals(ByteString.copyFrom(new byte[Address.LENGTH]))) {
      return TxOutcome.fail(
          TxCode.INVALID_BRIDGE_ADDRESS,
          what + ": bridge address must be a non-zero 20-byte address, got " + bytes.size());
    }
    return TxOutcome.OK;
  }

  static TxOutcome moniker(String what, String moniker) {
    String problem = StakingGenesis.monikerProblem(moniker);
    return problem.isEmpty()
        ? TxOutcome.OK
        : TxOutcome.fail(TxCode.INVALID_MONIKER, what + ": " + problem);
  }

  static Optional<Validator> own(MsgContext context) {
    return StakingKeeper.validator(context.state(), context.sender());
  }

  static TxOutcome unknown(String what, MsgContext context) {
    return TxOutcome.fail(
        TxCode.UNKNOWN_VALIDATOR, what + ": " + context.sender() + " operates no validator");
  }

  static ChainEvent.Builder event(String type, MsgContext context) {
    return ChainEvent.of(type).attr("operator", context.sender());
  }

  /** {@code MsgCreateValidator}. */
  static final class CreateValidatorHandler implements MsgHandler {
    @Override
    public Msg.SumCase kind() {
      return Msg.SumCase.CREATE_VALIDATOR;
    }

    @Override
    public TxOutcome validate(Msg msg) {
      var m = msg.getCreateValidator();
      if (m.getConsensusPubkey().size() != ConsensusKeys.PUBKEY_LENGTH) {
        return TxOutcome.fail(
            TxCode.INVALID_CONSENSUS_KEY,
            "create validator: consensus key must be a 32-byte Ed25519 public key, got "
                + m.getConsensusPubkey().size()
                + " bytes");
      }
      TxOutcome r = bridgeAddress("create validator", m.getBridgeAddress());
      if (r.isOk()) {
        r = moniker("create validator", m.getMoniker());
      }
      return r.isOk() ? positive("create validator", m.getSelfStake()) : r;
    }

    @Override
    public TxOutcome execute(MsgContext context, Msg msg) {
      var m = msg.getCreateValidator();
      if (own(context).isPresent()) {
        return TxOutcome.fail(
            TxCode.VALIDATOR_EXISTS,
            "create validator: " + context.sender() + " already operates a validator");
      }
      ByteString consAddress = ConsensusKeys.address(m.getConsensusPubkey());
      if (Schema.CONSENSUS_ADDRESSES.get(context.state(), consAddress).isPresent()) {
        return TxOutcome.fail(
            TxCode.CONSENSUS_KEY_IN_USE,
            "create validator: consensus key "
                + ConsensusKeys.hex(consAddress)
                + " belongs to another validator");
      }
      StakingParams params = StakingParamsKeeper.get(context.state());
      if (m.getSelfStake() < params.getMinSelfStake()) {
        return TxOutcome.fail(
            TxCode.SELF_STAKE_TOO_LOW,
            "create validator: self-stake "
                + m.getSelfStake()
                + " nRLC is below min_self_stake "
                + params.getMinSelfStake());
      }
      TxOutcome debit = AccountKeeper.debit(context.state(), context.sender(), m.getSelfStake());
      if (!debit.isOk()) {
        return debit;
      }
      StakingKeeper.put(
          context.state(),
          Validator.newBuilder()
              .setOperator(context.sender().bytes())
              .setConsensusPubkey(m.getConsensusPubkey())
              .setBridgeAddress(m.getBridgeAddress())
              .setMoniker(m.getMoniker())
              .setBonded(m.getSelfStake())
              .setCreatedHeight(context.block().height())
              .build());
      Schema.CONSENSUS_ADDRESSES.put(context.state(), consAddress, context.sender().bytes());
      context.emit(
          event("create_validator", context)
              .attr("address", ConsensusKeys.hex(consAddress))
              .attr("moniker", m.getMoniker())
              .attr("amount", m.getSelfStake())
              .build());
      return TxOutcome.OK;
    }
  }

  /** {@code MsgStake}. */
  static final class StakeHandler implements MsgHandler {
    @Override
    public Msg.SumCase kind() {
      return Msg.SumCase.STAKE;
    }

    @Override
    public TxOutcome validate(Msg msg) {
      return positive("stake", msg.getStake().getAmount());
    }

    @Override
    public TxOutcome execute(MsgContext context, Msg msg) {
      long amount = msg.getStake().getAmount();
      Optional<Validator> v = own(context);
      if (v.isEmpty()) {
        return unknown("stake", context);
      }
      if (v.get().getTombstoned()) {
        return TxOutcome.fail(
            TxCode.VALIDATOR_TOMBSTONED, "stake: the validator is tombstoned for good");
      }
      TxOutcome debit = AccountKeeper.debit(context.state(), context.sender(), amount);
      if (!debit.isOk()) {
        return debit;
      }
      StakingKeeper.put(
          context.state(),
          v.get().toBuilder().setBonded(Math.addExact(v.get().getBonded(), amount)).build());
      context.emit(event("stake", context).attr("amount", amount).build());
      return TxOutcome.OK;
    }
  }

  /** {@code MsgUnbond}. */
  static final class UnbondHandler implements MsgHandler {
    @Override
    public Msg.SumCase kind() {
      return Msg.SumCase.UNBOND;
    }

    @Override
    public TxOutcome validate(Msg msg) {
      return positive("unbond", msg.getUnbond().getAmount());
    }

    @Override
    public TxOutcome execute(MsgContext context, Msg msg) {
      long amount = msg.getUnbond().getAmount();
      Optional<Validator> v = own(context);
      if (v.isEmpty()) {
        return unknown("unbond", context);
      }
      if (amount > v.get().getBonded()) {
        return TxOutcome.fail(
            TxCode.INSUFFICIENT_STAKE,
            "unbond: " + amount + " nRLC asked, " + v.get().getBonded() + " bonded");
      }
      StakingParams params = StakingParamsKeeper.get(context.state());
      long completion = Math.addExact(context.block().timeSeconds(), params.getUnbondingSeconds());
      long entries = StakingKeeper.unbondingCount(context.state(), v.get().getOperator());
      boolean merges =
          Schema.UNBONDING
              .get(
                  context.state(),
                  StakingKeeper.unbondingKey(
                      completion, v.get().getOperator(), context.block().height()))
              .isPresent();
      if (!merges && entries >= params.getMaxUnbondingEntries()) {
        return TxOutcome.fail(
            TxCode.TOO_MANY_UNBONDING_ENTRIES,
            "unbond: already "
                + entries
                + " unbonding entries (max "
                + params.getMaxUnbondingEntries()
                + "); wait for one to mature");
      }
      StakingKeeper.put(
          context.state(), v.get().toBuilder().setBonded(v.get().getBonded() - amount).build());
      StakingKeeper.addUnbonding(
          context.state(), v.get().getOperator(), amount, context.block().height(), completion);
      context.emit(
          event("unbond", context)
              .attr("amount", amount)
              .attr("completion_time", completion)
              .build());
      return TxOutcome.OK;
    }
  }

  /** {@code MsgUnjail}. */
  static final class UnjailHandler implements MsgHandler {
    @Override
    public Msg.SumCase kind() {
      return Msg.SumCase.UNJAIL;
    }

    @Override
    public TxOutcome validate(Msg msg) {
      return TxOutcome.OK;
    }

    @Override
    public TxOutcome execute(MsgContext context, Msg msg) {
      Optional<Validator> v = own(context);
      if (v.isEmpty()) {
        return unknown("unjail", context);
      }
      if (v.get().getTombstoned()) {
        return TxOutcome.fail(
            TxCode.VALIDATOR_TOMBSTONED, "unjail: the validator is tombstoned and never unjails");
      }
      if (!v.get().getJailed()) {
        return TxOutcome.fail(TxCode.VALIDATOR_NOT_JAILED, "unjail: the validator is not jailed");
      }
      if (context.block().timeSeconds() < v.get().getJailedUntil()) {
        return TxOutcome.fail(
            TxCode.JAIL_NOT_EXPIRED,
            "unjail: jailed until "
                + v.get().getJailedUntil()
                + ", block time is "
                + context.block().timeSeconds());
      }
      StakingParams params = StakingParamsKeeper.get(context.state());
      if (v.get().getBonded() < params.getMinSelfStake()) {
        return TxOutcome.fail(
            TxCode.STAKE_BELOW_MINIMUM,
            "unjail: bonded "
                + v.get().getBonded()
                + " nRLC is below min_self_stake "
                + params.getMinSelfStake()
                + "; stake more first");
      }
      StakingKeeper.put(
          context.state(), v.get().toBuilder().setJailed(false).setJailedUntil(0).build());
      Schema.SIGNING_INFO.delete(
          context.state(), ConsensusKeys.address(v.get().getConsensusPubkey()));
      context.emit(event("unjail", context).build());
      return TxOutcome.OK;
    }
  }

  /** {@code MsgEditValidator}. */
  static final class EditValidatorHandler implements MsgHandler {
    @Override
    public Msg.SumCase kind() {
      return Msg.SumCase.EDIT_VALIDATOR;
    }

    @Override
    public TxOutcome validate(Msg msg) {
      var m = msg.getEditValidator();
      if (m.getMoniker().isEmpty() && m.getBridgeAddress().isEmpty()) {
        return TxOutcome.fail(
            TxCode.NOTHING_TO_EDIT, "edit validator: give a moniker or a bridge address");
      }
      if (!m.getMoniker().isEmpty()) {
        TxOutcome r = moniker("edit validator", m.getMoniker());
        if (!r.isOk()) {
          return r;
        }
      }
      return m.getBridgeAddress().isEmpty()
          ? TxOutcome.OK
          : bridgeAddress("edit validator", m.getBridgeAddress());
    }

    @Override
    public TxOutcome execute(MsgContext context, Msg msg) {
      var m = msg.getEditValidator();
      Optional<Validator> found = own(context);
      if (found.isEmpty()) {
        return unknown("edit validator", context);
      }
      Validator.Builder v = found.get().toBuilder();
      ChainEvent.Builder ev = event("edit_validator", context);
      if (!m.getMoniker().isEmpty()) {
        v.setMoniker(m.getMoniker());
        ev.attr("moniker", m.getMoniker());
      }
      if (!m.getBridgeAddress().isEmpty()) {
        if (!found.get().getPendingBridgeAddress().isEmpty()) {
          return TxOutcome.fail(
              TxCode.BRIDGE_CHANGE_PENDING,
              "edit validator: a bridge address change is pending until "
                  + found.get().getBridgeChangeTime());
        }
        if (m.getBridgeAddress().equals(found.get().getBridgeAddress())) {
          return TxOutcome.fail(
              TxCode.NOTHING_TO_EDIT, "edit validator: that is already the bridge address");
        }
        long at =
            Math.addExact(
                context.block().timeSeconds(),
                StakingParamsKeeper.get(context.state()).getUnbondingSeconds());
        v.setPendingBridgeAddress(m.getBridgeAddress()).setBridgeChangeTime(at);
        ev.attr("pending_bridge_address", new Address(m.getBridgeAddress()))
            .attr("bridge_change_time", at);
      }
      StakingKeeper.put(context.state(), v.build());
      context.emit(ev.build());
      return TxOutcome.OK;
    }
  }
}
