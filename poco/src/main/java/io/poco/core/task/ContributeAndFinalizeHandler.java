package io.poco.core.task;

import io.poco.core.exec.MsgContext;
import io.poco.core.exec.MsgHandler;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgContributeAndFinalize;

/** {@code MsgContributeAndFinalize}: the trust-1 fast path, sent by the worker. */
public final class ContributeAndFinalizeHandler implements MsgHandler {

  @Override
  public Msg.SumCase kind() {
    return Msg.SumCase.CONTRIBUTE_AND_FINALIZE;
  }

  @Override
  public TxOutcome validate(Msg msg) {
    MsgContributeAndFinalize m = msg.getContributeAndFinalize();
    TxOutcome id = Fields.taskId("contribute-and-finalize", m.getTaskId());
    return id.isOk() ? Fields.results("contribute-and-finalize", m.getResults()) : id;
  }

  @Override
  public TxOutcome execute(MsgContext context, Msg msg) {
    MsgContributeAndFinalize m = msg.getContributeAndFinalize();
    return FinalizeOperation.contributeAndFinalize(
        context,
        m.getTaskId(),
        m.getResultDigest(),
        m.getResults(),
        m.getEnclave(),
        m.getAuthorization());
  }
}
