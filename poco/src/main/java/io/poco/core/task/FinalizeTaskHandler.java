package io.poco.core.task;

import io.poco.core.exec.MsgContext;
import io.poco.core.exec.MsgHandler;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgFinalizeTask;

/** {@code MsgFinalizeTask}: the scheduler completes a revealed task and pays it out. */
public final class FinalizeTaskHandler implements MsgHandler {

  @Override
  public Msg.SumCase kind() {
    return Msg.SumCase.FINALIZE_TASK;
  }

  @Override
  public TxOutcome validate(Msg msg) {
    MsgFinalizeTask m = msg.getFinalizeTask();
    TxOutcome id = Fields.taskId("finalize", m.getTaskId());
    return id.isOk() ? Fields.results("finalize", m.getResults()) : id;
  }

  @Override
  public TxOutcome execute(MsgContext context, Msg msg) {
    MsgFinalizeTask m = msg.getFinalizeTask();
    return FinalizeOperation.finalize(context, m.getTaskId(), m.getResults());
  }
}
