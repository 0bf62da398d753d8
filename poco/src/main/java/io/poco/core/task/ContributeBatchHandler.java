package io.poco.core.task;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.exec.MsgContext;
import io.poco.core.exec.MsgHandler;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.SignedContribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code MsgContributeBatch}: the scheduler submits many workers' signed contributions; each is
 * checked and applied as if submitted alone (see {@link Batch}).
 */
public final class ContributeBatchHandler implements MsgHandler {

  @Override
  public Msg.SumCase kind() {
    return Msg.SumCase.CONTRIBUTE_BATCH;
  }

  @Override
  public TxOutcome validate(Msg msg) {
    return Batch.validateSize("contribute-batch", msg.getContributeBatch().getContributionsCount());
  }

  @Override
  public TxOutcome execute(MsgContext context, Msg msg) {
    String chainId = context.block().chainId();
    List<Batch.Item> items = new ArrayList<>();
    for (SignedContribution c : msg.getContributeBatch().getContributionsList()) {
      Optional<Address> worker = ContributeOperation.worker(chainId, c);
      items.add(
          new Batch.Item(
              c.getTaskId(),
              worker.map(Address::toHex).orElse(""),
              itemContext -> contribute(itemContext, c, worker)));
    }
    return Batch.run(context, "contribute", items);
  }

  @Override
  public void prefetch(String chainId, Msg msg) {
    for (SignedContribution c : msg.getContributeBatch().getContributionsList()) {
      ContributeOperation.worker(chainId, c);
    }
  }

  private static TxOutcome contribute(
      MsgContext context, SignedContribution c, Optional<Address> worker) {
    TxOutcome fields = ContributeOperation.checkFields(c);
    if (!fields.isOk()) {
      return fields;
    }
    if (worker.isEmpty()) {
      return TxOutcome.fail(
          TxCode.INVALID_CONTRIBUTION_SIGNATURE,
          "the contribution's signature must be 65 canonical bytes r‖s‖v that recover a key");
    }
    return ContributeOperation.contribute(context, c, worker.get(), ByteString.EMPTY);
  }
}
