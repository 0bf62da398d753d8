package io.poco.core.market;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.exec.ChainEvent;
import io.poco.core.exec.MsgContext;
import io.poco.core.exec.MsgHandler;
import io.poco.core.exec.Schema;
import io.poco.core.ids.PocoIds;
import io.poco.core.registry.RegistryKeeper;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.App;
import io.poco.proto.v1.AppOrder;
import io.poco.proto.v1.Dataset;
import io.poco.proto.v1.DatasetOrder;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgCancelOrder;
import io.poco.proto.v1.OrderKind;
import io.poco.proto.v1.RequestOrder;
import io.poco.proto.v1.Workerpool;
import io.poco.proto.v1.WorkerpoolOrder;
import java.util.Optional;

/**
 * {@code MsgCancelOrder}: the order's signer (the owner of its app, dataset or workerpool, or the
 * request's requester) marks it fully consumed, so it can never be matched again.
 */
public final class CancelOrderHandler implements MsgHandler {

  private record Target(
      ByteString hash, long volume, Optional<ByteString> owner, TxOutcome outcome) {}

  @Override
  public Msg.SumCase kind() {
    return Msg.SumCase.CANCEL_ORDER;
  }

  @Override
  public TxOutcome validate(Msg msg) {
    OrderKind kind = msg.getCancelOrder().getKind();
    if (kind == OrderKind.ORDER_KIND_UNSPECIFIED || kind == OrderKind.UNRECOGNIZED) {
      return TxOutcome.fail(TxCode.INVALID_ORDER, "cancel-order: the order kind is required");
    }
    return TxOutcome.OK;
  }

  @Override
  public TxOutcome execute(MsgContext context, Msg msg) {
    MsgCancelOrder m = msg.getCancelOrder();
    Target target = target(context, m);
    if (!target.outcome().isOk()) {
      return target.outcome();
    }
    if (target.owner().isEmpty()) {
      return TxOutcome.fail(TxCode.UNKNOWN_RESOURCE, "the order's resource is not registered");
    }
    if (!target.owner().get().equals(context.sender().bytes())) {
      return TxOutcome.fail(
          TxCode.NOT_AUTHORIZED,
          "only the order's signer " + PocoIds.hex(target.owner().get()) + " may cancel it");
    }
    long consumed = Schema.CONSUMED.get(context.state(), target.hash()).orElse(0L);
    Schema.CONSUMED.put(context.state(), target.hash(), Math.max(consumed, target.volume()));
    context.emit(
        ChainEvent.of("order")
            .attr("hash", PocoIds.hex(target.hash()))
            .attr("kind", SignedOrders.label(m.getKind()))
            .attr("action", "cancel")
            .build());
    return TxOutcome.OK;
  }

  private static Target target(MsgContext context, MsgCancelOrder m) {
    String chainId = context.block().chainId();
    switch (m.getKind()) {
      case ORDER_KIND_APP -> {
        OpenedOrder<AppOrder> o =
            SignedOrders.decode(m.getKind(), chainId, m.getOrder(), AppOrder.parser());
        if (!o.isOk()) {
          return failed(o.outcome());
        }
        TxOutcome fields = OrderFields.check(o.order());
        Optional<ByteString> owner =
            fields.isOk()
                ? RegistryKeeper.app(context.state(), new Address(o.order().getApp()))
                    .map(App::getOwner)
                : Optional.empty();
        return new Target(o.hash(), o.order().getVolume(), owner, fields);
      }
      case ORDER_KIND_DATASET -> {
        OpenedOrder<DatasetOrder> o =
            SignedOrders.decode(m.getKind(), chainId, m.getOrder(), DatasetOrder.parser());
        if (!o.isOk()) {
          return failed(o.outcome());
        }
        TxOutcome fields = OrderFields.check(o.order());
        Optional<ByteString> owner =
            fields.isOk()
                ? RegistryKeeper.dataset(context.state(), new Address(o.order().getDataset()))
                    .map(Dataset::getOwner)
                : Optional.empty();
        return new Target(o.hash(), o.order().getVolume(), owner, fields);
      }
      case ORDER_KIND_WORKERPOOL -> {
        OpenedOrder<WorkerpoolOrder> o =
            SignedOrders.decode(m.getKind(), chainId, m.getOrder(), WorkerpoolOrder.parser());
        if (!o.isOk()) {
          return failed(o.outcome());
        }
        TxOutcome fields = OrderFields.check(o.order());
        Optional<ByteString> owner =
            fields.isOk()
                ? RegistryKeeper.workerpool(context.state(), new Address(o.order().getWorkerpool()))
                    .map(Workerpool::getOwner)
                : Optional.empty();
        return new Target(o.hash(), o.order().getVolume(), owner, fields);
      }
      default -> {
        OpenedOrder<RequestOrder> o =
            SignedOrders.decode(m.getKind(), chainId, m.getOrder(), RequestOrder.parser());
        if (!o.isOk()) {
          return failed(o.outcome());
        }
        TxOutcome fields = OrderFields.check(o.order());
        return new Target(
            o.hash(), o.order().getVolume(), Optional.of(o.order().getRequester()), fields);
      }
    }
  }

  private static Target failed(TxOutcome outcome) {
    return new Target(ByteString.EMPTY, 0, Optional.empty(), outcome);
  }
}
