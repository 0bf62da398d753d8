package io.poco.core.task;

import io.poco.core.crypto.Address;
import io.poco.core.exec.MsgContext;
import io.poco.core.exec.MsgHandler;
import io.poco.core.ids.PocoIds;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.RevealItem;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code MsgRevealBatch}: the scheduler reveals many workers' digests; each is checked as if the
 * worker had sent it (see {@link Batch}). The seal binds every digest to the worker that committed
 * to it, so the scheduler cannot reveal anything a worker did not contribute.
 */
public final class RevealBatchHandler implements MsgHandler {

  @Override
  public Msg.SumCase kind() {
    return Msg.SumCase.REVEAL_BATCH;
  }

  @Override
  public TxOutcome validate(Msg msg) {
    return Batch.validateSize("reveal-batch", msg.getRevealBatch().getRevealsCount());
  }

  @Override
  public TxOutcome execute(MsgContext context, Msg msg) {
    List<Batch.Item> items = new ArrayList<>();
    for (RevealItem r : msg.getRevealBatch().getRevealsList()) {
      items.add(new Batch.Item(r.getTaskId(), PocoIds.hex(r.getWorker()), c -> reveal(c, r)));
    }
    return Batch.run(context, "reveal", items);
  }

  private static TxOutcome reveal(MsgContext context, RevealItem r) {
    TxOutcome task = Fields.taskId("reveal", r.getTaskId());
    if (!task.isOk()) {
      return task;
    }
    if (!Address.isValid(r.getWorker())) {
      return TxOutcome.fail(TxCode.INVALID_ADDRESS, "reveal: worker must be a 20-byte address");
    }
    return RevealOperation.reveal(
        context, r.getTaskId(), new Address(r.getWorker()), r.getResultDigest());
  }
}
