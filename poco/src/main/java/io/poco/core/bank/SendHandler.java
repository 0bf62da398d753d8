package io.poco.core.bank;

import io.poco.core.account.AccountKeeper;
import io.poco.core.crypto.Address;
import io.poco.core.exec.ChainEvent;
import io.poco.core.exec.MsgContext;
import io.poco.core.exec.MsgHandler;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgSend;

/** {@code MsgSend}: moves spendable balance from the sender to a recipient. */
public final class SendHandler implements MsgHandler {

  @Override
  public Msg.SumCase kind() {
    return Msg.SumCase.SEND;
  }

  @Override
  public TxOutcome validate(Msg msg) {
    MsgSend send = msg.getSend();
    if (!Address.isValid(send.getTo())) {
      return TxOutcome.fail(
          TxCode.INVALID_ADDRESS,
          "send: recipient must be a 20-byte address, got " + send.getTo().size() + " bytes");
    }
    if (send.getAmount() <= 0) {
      return TxOutcome.fail(
          TxCode.INVALID_AMOUNT,
          send.getAmount() == 0
              ? "send: amount must be positive"
              : "send: amount exceeds 2^63-1 nRLC");
    }
    return TxOutcome.OK;
  }

  @Override
  public TxOutcome execute(MsgContext context, Msg msg) {
    MsgSend send = msg.getSend();
    Address to = new Address(send.getTo());
    TxOutcome debit = AccountKeeper.debit(context.state(), context.sender(), send.getAmount());
    if (!debit.isOk()) {
      return debit;
    }
    AccountKeeper.credit(context.state(), to, send.getAmount());
    context.emit(
        ChainEvent.of("transfer")
            .attr("sender", context.sender())
            .attr("recipient", to)
            .attr("amount", send.getAmount())
            .build());
    return TxOutcome.OK;
  }
}
