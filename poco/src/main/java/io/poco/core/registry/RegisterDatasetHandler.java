package io.poco.core.registry;

import io.poco.core.crypto.Address;
import io.poco.core.exec.ChainEvent;
import io.poco.core.exec.MsgContext;
import io.poco.core.exec.MsgHandler;
import io.poco.core.exec.Schema;
import io.poco.core.ids.PocoIds;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.Dataset;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgRegisterDataset;

/** {@code MsgRegisterDataset}: the sender registers a dataset it owns. */
public final class RegisterDatasetHandler implements MsgHandler {

  @Override
  public Msg.SumCase kind() {
    return Msg.SumCase.REGISTER_DATASET;
  }

  @Override
  public TxOutcome validate(Msg msg) {
    MsgRegisterDataset m = msg.getRegisterDataset();
    return RegistryLimits.all(
        RegistryLimits.text("register-dataset: name", m.getNameBytes()),
        RegistryLimits.text("register-dataset: location", m.getLocationBytes()),
        RegistryLimits.checksum(m.getChecksum()));
  }

  @Override
  public TxOutcome execute(MsgContext context, Msg msg) {
    MsgRegisterDataset m = msg.getRegisterDataset();
    Address owner = context.sender();
    long nonce = RegistryKeeper.takeNonce(context.state(), owner);
    Address id = PocoIds.datasetId(owner, nonce);
    Schema.DATASETS.put(
        context.state(),
        id.bytes(),
        Dataset.newBuilder()
            .setOwner(owner.bytes())
            .setName(m.getName())
            .setLocation(m.getLocation())
            .setChecksum(m.getChecksum())
            .build());
    context.emit(ChainEvent.of("dataset").attr("id", id).attr("owner", owner).build());
    return TxOutcome.OK;
  }
}
