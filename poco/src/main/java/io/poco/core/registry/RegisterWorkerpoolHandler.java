package io.poco.core.registry;

import io.poco.core.crypto.Address;
import io.poco.core.exec.ChainEvent;
import io.poco.core.exec.MsgContext;
import io.poco.core.exec.MsgHandler;
import io.poco.core.exec.Schema;
import io.poco.core.ids.PocoIds;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgRegisterWorkerpool;
import io.poco.proto.v1.Workerpool;

/** {@code MsgRegisterWorkerpool}: the sender registers a workerpool and becomes its scheduler. */
public final class RegisterWorkerpoolHandler implements MsgHandler {

  @Override
  public Msg.SumCase kind() {
    return Msg.SumCase.REGISTER_WORKERPOOL;
  }

  @Override
  public TxOutcome validate(Msg msg) {
    MsgRegisterWorkerpool m = msg.getRegisterWorkerpool();
    return RegistryLimits.all(
        RegistryLimits.text("register-workerpool: description", m.getDescriptionBytes()),
        RegistryLimits.ratio(
            "register-workerpool: worker_stake_ratio", Integer.toUnsignedLong(workerStakeRatio(m))),
        RegistryLimits.ratio(
            "register-workerpool: scheduler_reward_ratio",
            Integer.toUnsignedLong(schedulerRewardRatio(m))));
  }

  @Override
  public TxOutcome execute(MsgContext context, Msg msg) {
    MsgRegisterWorkerpool m = msg.getRegisterWorkerpool();
    Address owner = context.sender();
    long nonce = RegistryKeeper.takeNonce(context.state(), owner);
    Address id = PocoIds.workerpoolId(owner, nonce);
    Workerpool pool =
        Workerpool.newBuilder()
            .setOwner(owner.bytes())
            .setDescription(m.getDescription())
            .setWorkerStakeRatio(workerStakeRatio(m))
            .setSchedulerRewardRatio(schedulerRewardRatio(m))
            .build();
    Schema.WORKERPOOLS.put(context.state(), id.bytes(), pool);
    context.emit(
        ChainEvent.of("workerpool")
            .attr("id", id)
            .attr("owner", owner)
            .attr("worker_stake_ratio", pool.getWorkerStakeRatio())
            .attr("scheduler_reward_ratio", pool.getSchedulerRewardRatio())
            .build());
    return TxOutcome.OK;
  }

  private static int workerStakeRatio(MsgRegisterWorkerpool m) {
    return m.hasWorkerStakeRatio()
        ? m.getWorkerStakeRatio()
        : RegistryKeeper.DEFAULT_WORKER_STAKE_RATIO;
  }

  private static int schedulerRewardRatio(MsgRegisterWorkerpool m) {
    return m.hasSchedulerRewardRatio()
        ? m.getSchedulerRewardRatio()
        : RegistryKeeper.DEFAULT_SCHEDULER_REWARD_RATIO;
  }
}
