package io.poco.core.exec;

import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.Msg;

/** Executes one kind of message. Handlers are stateless; all state goes through the context. */
public interface MsgHandler {

  /** The message kind this handler serves. */
  Msg.SumCase kind();

  /** Checks that need no state (addresses well formed, amounts positive, ...). */
  TxOutcome validate(Msg msg);

  /**
   * Applies the message. On a failure outcome the caller reverts every write the handler made, so a
   * handler may fail half-way without cleaning up.
   */
  TxOutcome execute(MsgContext context, Msg msg);
}
