package io.poco.core.task;

import io.poco.core.exec.MsgContext;
import io.poco.core.exec.MsgHandler;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgClaimTask;

/** {@code MsgClaimTask}: anyone fails a task whose final deadline passed. */
public final class ClaimTaskHandler implements MsgHandler {

  @Override
  public Msg.SumCase kind() {
    return Msg.SumCase.CLAIM_TASK;
  }

  @Override
  public TxOutcome validate(Msg msg) {
    MsgClaimTask m = msg.getClaimTask();
    return Fields.dealAndIndex("claim", m.getDealId(), m.getIdx());
  }

  @Override
  public TxOutcome execute(MsgContext context, Msg msg) {
    MsgClaimTask m = msg.getClaimTask();
    return TaskLifecycle.claim(context, m.getDealId(), m.getIdx());
  }
}
