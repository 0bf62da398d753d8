package io.poco.core.task;

import io.poco.core.exec.MsgContext;
import io.poco.core.exec.MsgHandler;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgReveal;

/** {@code MsgReveal}: the worker (the sender) reveals its result digest. */
public final class RevealHandler implements MsgHandler {

  @Override
  public Msg.SumCase kind() {
    return Msg.SumCase.REVEAL;
  }

  @Override
  public TxOutcome validate(Msg msg) {
    return Fields.taskId("reveal", msg.getReveal().getTaskId());
  }

  @Override
  public TxOutcome execute(MsgContext context, Msg msg) {
    MsgReveal m = msg.getReveal();
    return RevealOperation.reveal(context, m.getTaskId(), context.sender(), m.getResultDigest());
  }
}
