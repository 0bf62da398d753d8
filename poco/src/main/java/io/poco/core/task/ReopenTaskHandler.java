package io.poco.core.task;

import io.poco.core.exec.MsgContext;
import io.poco.core.exec.MsgHandler;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.Msg;

/** {@code MsgReopenTask}: the scheduler reopens a task whose winners did not reveal. */
public final class ReopenTaskHandler implements MsgHandler {

  @Override
  public Msg.SumCase kind() {
    return Msg.SumCase.REOPEN_TASK;
  }

  @Override
  public TxOutcome validate(Msg msg) {
    return Fields.taskId("reopen", msg.getReopenTask().getTaskId());
  }

  @Override
  public TxOutcome execute(MsgContext context, Msg msg) {
    return RevealOperation.reopen(context, msg.getReopenTask().getTaskId());
  }
}
