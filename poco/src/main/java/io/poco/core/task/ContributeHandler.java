package io.poco.core.task;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.exec.MsgContext;
import io.poco.core.exec.MsgHandler;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgContribute;
import io.poco.proto.v1.SignedContribution;
import java.util.Optional;

/** {@code MsgContribute}: one signed contribution, with the scheduler's authorization. */
public final class ContributeHandler implements MsgHandler {

  @Override
  public Msg.SumCase kind() {
    return Msg.SumCase.CONTRIBUTE;
  }

  @Override
  public TxOutcome validate(Msg msg) {
    return ContributeOperation.checkFields(msg.getContribute().getContribution());
  }

  @Override
  public TxOutcome execute(MsgContext context, Msg msg) {
    MsgContribute m = msg.getContribute();
    Optional<Address> worker =
        ContributeOperation.worker(context.block().chainId(), m.getContribution());
    if (worker.isEmpty()) {
      return TxOutcome.fail(
          TxCode.INVALID_CONTRIBUTION_SIGNATURE,
          "the contribution's signature must be 65 canonical bytes r‖s‖v that recover a key");
    }
    return ContributeOperation.contribute(
        context, m.getContribution(), worker.get(), m.getAuthorization());
  }

  @Override
  public void prefetch(String chainId, Msg msg) {
    SignedContribution c = msg.getContribute().getContribution();
    ByteString authorization = msg.getContribute().getAuthorization();
    Optional<Address> worker = ContributeOperation.worker(chainId, c);
    if (worker.isPresent() && !authorization.isEmpty()) {
      ContributeOperation.authorizer(
          chainId, worker.get(), c.getTaskId(), c.getEnclave(), authorization);
    }
  }
}
