package io.poco.core.task;

import io.poco.core.exec.MsgContext;
import io.poco.core.exec.MsgHandler;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgInitializeTask;

/** {@code MsgInitializeTask}: anyone initializes a task of a deal. */
public final class InitializeTaskHandler implements MsgHandler {

  @Override
  public Msg.SumCase kind() {
    return Msg.SumCase.INITIALIZE_TASK;
  }

  @Override
  public TxOutcome validate(Msg msg) {
    MsgInitializeTask m = msg.getInitializeTask();
    return Fields.dealAndIndex("initialize", m.getDealId(), m.getIdx());
  }

  @Override
  public TxOutcome execute(MsgContext context, Msg msg) {
    MsgInitializeTask m = msg.getInitializeTask();
    return TaskLifecycle.initialize(context, m.getDealId(), m.getIdx());
  }
}
