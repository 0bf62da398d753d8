package io.poco.core.registry;

import io.poco.core.crypto.Address;
import io.poco.core.exec.ChainEvent;
import io.poco.core.exec.MsgContext;
import io.poco.core.exec.MsgHandler;
import io.poco.core.exec.Schema;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgUpdateWorkerpoolPolicy;
import io.poco.proto.v1.Workerpool;
import java.util.Optional;

/**
 * {@code MsgUpdateWorkerpoolPolicy}: the scheduler changes its pool's ratios. Deals already matched
 * keep the ratios frozen in them.
 */
public final class UpdateWorkerpoolPolicyHandler implements MsgHandler {

  @Override
  public Msg.SumCase kind() {
    return Msg.SumCase.UPDATE_WORKERPOOL_POLICY;
  }

  @Override
  public TxOutcome validate(Msg msg) {
    MsgUpdateWorkerpoolPolicy m = msg.getUpdateWorkerpoolPolicy();
    if (!Address.isValid(m.getWorkerpool())) {
      return TxOutcome.fail(
          TxCode.INVALID_ADDRESS, "update-workerpool-policy: workerpool must be a 20-byte id");
    }
    return RegistryLimits.all(
        RegistryLimits.ratio(
            "update-workerpool-policy: worker_stake_ratio",
            Integer.toUnsignedLong(m.getWorkerStakeRatio())),
        RegistryLimits.ratio(
            "update-workerpool-policy: scheduler_reward_ratio",
            Integer.toUnsignedLong(m.getSchedulerRewardRatio())));
  }

  @Override
  public TxOutcome execute(MsgContext context, Msg msg) {
    MsgUpdateWorkerpoolPolicy m = msg.getUpdateWorkerpoolPolicy();
    Address id = new Address(m.getWorkerpool());
    Optional<Workerpool> pool = RegistryKeeper.workerpool(context.state(), id);
    if (pool.isEmpty()) {
      return TxOutcome.fail(TxCode.UNKNOWN_RESOURCE, "no workerpool " + id);
    }
    if (!pool.get().getOwner().equals(context.sender().bytes())) {
      return TxOutcome.fail(
          TxCode.NOT_AUTHORIZED, "workerpool " + id + " is not owned by " + context.sender());
    }
    Schema.WORKERPOOLS.put(
        context.state(),
        id.bytes(),
        pool.get().toBuilder()
            .setWorkerStakeRatio(m.getWorkerStakeRatio())
            .setSchedulerRewardRatio(m.getSchedulerRewardRatio())
            .build());
    context.emit(
        ChainEvent.of("workerpool")
            .attr("id", id)
            .attr("owner", context.sender())
            .attr("worker_stake_ratio", m.getWorkerStakeRatio())
            .attr("scheduler_reward_ratio", m.getSchedulerRewardRatio())
            .build());
    return TxOutcome.OK;
  }
}
