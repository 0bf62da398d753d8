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

  /**
   * Recovers ahead of execution the signatures {@code msg} carries, so that {@link #execute} finds
   * them in the recovery memo. It reads no state and its result is dropped: running it on any
   * thread, in any order or not at all never changes what execution decides. Most messages carry no
   * signature of their own; the default does nothing.
   */
  default void prefetch(String chainId, Msg msg) {}
}
