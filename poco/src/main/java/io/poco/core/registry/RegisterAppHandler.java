package io.poco.core.registry;

import io.poco.core.crypto.Address;
import io.poco.core.exec.ChainEvent;
import io.poco.core.exec.MsgContext;
import io.poco.core.exec.MsgHandler;
import io.poco.core.exec.Schema;
import io.poco.core.ids.PocoIds;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.App;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgRegisterApp;

/** {@code MsgRegisterApp}: the sender registers an app it owns. */
public final class RegisterAppHandler implements MsgHandler {

  @Override
  public Msg.SumCase kind() {
    return Msg.SumCase.REGISTER_APP;
  }

  @Override
  public TxOutcome validate(Msg msg) {
    MsgRegisterApp m = msg.getRegisterApp();
    return RegistryLimits.all(
        RegistryLimits.text("register-app: name", m.getNameBytes()),
        RegistryLimits.text("register-app: image", m.getImageBytes()),
        RegistryLimits.checksum(m.getChecksum()));
  }

  @Override
  public TxOutcome execute(MsgContext context, Msg msg) {
    MsgRegisterApp m = msg.getRegisterApp();
    Address owner = context.sender();
    long nonce = RegistryKeeper.takeNonce(context.state(), owner);
    Address id = PocoIds.appId(owner, nonce);
    Schema.APPS.put(
        context.state(),
        id.bytes(),
        App.newBuilder()
            .setOwner(owner.bytes())
            .setName(m.getName())
            .setImage(m.getImage())
            .setChecksum(m.getChecksum())
            .setDeterministic(m.getDeterministic())
            .build());
    context.emit(
        ChainEvent.of("app")
            .attr("id", id)
            .attr("owner", owner)
            .attr("deterministic", m.getDeterministic())
            .build());
    return TxOutcome.OK;
  }
}
