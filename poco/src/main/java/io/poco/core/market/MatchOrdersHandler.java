package io.poco.core.market;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.economics.Escrow;
import io.poco.core.economics.Payouts;
import io.poco.core.exec.ChainEvent;
import io.poco.core.exec.MsgContext;
import io.poco.core.exec.MsgHandler;
import io.poco.core.exec.Schema;
import io.poco.core.ids.PocoIds;
import io.poco.core.params.PocoParamsKeeper;
import io.poco.core.registry.RegistryKeeper;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.App;
import io.poco.proto.v1.AppOrder;
import io.poco.proto.v1.Dataset;
import io.poco.proto.v1.DatasetOrder;
import io.poco.proto.v1.Deal;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgMatchOrders;
import io.poco.proto.v1.OrderKind;
import io.poco.proto.v1.RequestOrder;
import io.poco.proto.v1.Workerpool;
import io.poco.proto.v1.WorkerpoolOrder;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code MsgMatchOrders} (poco.md §1): verifies the four signed orders, applies the matching rules,
 * takes the largest volume every order still has, freezes the deal, and locks the escrow: the
 * requester {@code (appprice + datasetprice + workerpoolprice) × volume}, the scheduler {@code
 * workerpoolprice × 30 / 100 × volume}. Anyone may submit it.
 */
public final class MatchOrdersHandler implements MsgHandler {

  /** The percent of the workerpool price the scheduler stakes per task (iExec's constant). */
  public static final int SCHEDULER_STAKE_RATIO = 30;

  @Override
  public Msg.SumCase kind() {
    return Msg.SumCase.MATCH_ORDERS;
  }

  @Override
  public TxOutcome validate(Msg msg) {
    MsgMatchOrders m = msg.getMatchOrders();
    if (!m.hasAppOrder() || !m.hasWorkerpoolOrder() || !m.hasRequestOrder()) {
      return TxOutcome.fail(
          TxCode.INVALID_ORDER, "match: app, workerpool and request orders are required");
    }
    return TxOutcome.OK;
  }

  @Override
  public TxOutcome execute(MsgContext context, Msg msg) {
    MsgMatchOrders m = msg.getMatchOrders();
    String chainId = context.block().chainId();
    OpenedOrder<AppOrder> app =
        SignedOrders.open(OrderKind.ORDER_KIND_APP, chainId, m.getAppOrder(), AppOrder.parser());
    if (!app.isOk()) {
      return app.outcome();
    }
    OpenedOrder<DatasetOrder> dataset = null;
    if (m.hasDatasetOrder()) {
      dataset =
          SignedOrders.open(
              OrderKind.ORDER_KIND_DATASET, chainId, m.getDatasetOrder(), DatasetOrder.parser());
      if (!dataset.isOk()) {
        return dataset.outcome();
      }
    }
    OpenedOrder<WorkerpoolOrder> pool =
        SignedOrders.open(
            OrderKind.ORDER_KIND_WORKERPOOL,
            chainId,
            m.getWorkerpoolOrder(),
            WorkerpoolOrder.parser());
    if (!pool.isOk()) {
      return pool.outcome();
    }
    OpenedOrder<RequestOrder> request =
        SignedOrders.open(
            OrderKind.ORDER_KIND_REQUEST, chainId, m.getRequestOrder(), RequestOrder.parser());
    if (!request.isOk()) {
      return request.outcome();
    }
    TxOutcome fields =
        first(
            OrderFields.check(app.order()),
            dataset == null ? TxOutcome.OK : OrderFields.check(dataset.order()),
            OrderFields.check(pool.order()),
            OrderFields.check(request.order()));
    if (!fields.isOk()) {
      return fields;
    }
    return match(context, app, dataset, pool, request);
  }

  private static TxOutcome match(
      MsgContext context,
      OpenedOrder<AppOrder> app,
      OpenedOrder<DatasetOrder> dataset,
      OpenedOrder<WorkerpoolOrder> pool,
      OpenedOrder<RequestOrder> request) {
    Address appId = new Address(app.order().getApp());
    Optional<App> appRecord = RegistryKeeper.app(context.state(), appId);
    if (appRecord.isEmpty()) {
      return TxOutcome.fail(TxCode.UNKNOWN_RESOURCE, "no app " + appId);
    }
    TxOutcome signer = signedBy("app order", app.signer(), appRecord.get().getOwner());
    if (!signer.isOk()) {
      return signer;
    }
    Dataset datasetRecord = null;
    if (dataset != null) {
      Address datasetId = new Address(dataset.order().getDataset());
      Optional<Dataset> found = RegistryKeeper.dataset(context.state(), datasetId);
      if (found.isEmpty()) {
        return TxOutcome.fail(TxCode.UNKNOWN_RESOURCE, "no dataset " + datasetId);
      }
      datasetRecord = found.get();
      signer = signedBy("dataset order", dataset.signer(), datasetRecord.getOwner());
      if (!signer.isOk()) {
        return signer;
      }
    }
    Address poolId = new Address(pool.order().getWorkerpool());
    Optional<Workerpool> poolRecord = RegistryKeeper.workerpool(context.state(), poolId);
    if (poolRecord.isEmpty()) {
      return TxOutcome.fail(TxCode.UNKNOWN_RESOURCE, "no workerpool " + poolId);
    }
    signer = signedBy("workerpool order", pool.signer(), poolRecord.get().getOwner());
    if (!signer.isOk()) {
      return signer;
    }
    signer = signedBy("request order", request.signer(), request.order().getRequester());
    if (!signer.isOk()) {
      return signer;
    }
    TxOutcome rules =
        OrderMatcher.check(
            app.order(), dataset == null ? null : dataset.order(), pool.order(), request.order());
    if (!rules.isOk()) {
      return rules;
    }
    OptionalLong timeref = PocoParamsKeeper.timeref(context.state(), request.order().getCategory());
    if (timeref.isEmpty()) {
      return TxOutcome.fail(TxCode.INVALID_ORDER, "no category " + request.order().getCategory());
    }
    Volumes volumes = new Volumes(context.state());
    volumes.add("app order", app.hash(), app.order().getVolume());
    if (dataset != null) {
      volumes.add("dataset order", dataset.hash(), dataset.order().getVolume());
    }
    volumes.add("workerpool order", pool.hash(), pool.order().getVolume());
    long consumedBefore = volumes.consumed(request.hash());
    volumes.add("request order", request.hash(), request.order().getVolume());
    if (volumes.volume() == 0) {
      return TxOutcome.fail(
          TxCode.ORDER_CONSUMED, "the " + volumes.exhausted() + " is fully consumed or cancelled");
    }
    Deal deal =
        deal(
            context,
            app,
            appRecord.get(),
            dataset,
            datasetRecord,
            pool,
            poolRecord.get(),
            request,
            consumedBefore,
            volumes.volume(),
            timeref.getAsLong());
    if (deal == null) {
      return TxOutcome.fail(TxCode.INVALID_AMOUNT, "match: the deal's amounts exceed 2^63-1 nRLC");
    }
    return lockAndRecord(context, deal, volumes);
  }

  private static Deal deal(
      MsgContext context,
      OpenedOrder<AppOrder> app,
      App appRecord,
      OpenedOrder<DatasetOrder> dataset,
      Dataset datasetRecord,
      OpenedOrder<WorkerpoolOrder> pool,
      Workerpool poolRecord,
      OpenedOrder<RequestOrder> request,
      long consumedBefore,
      long volume,
      long timeref) {
    RequestOrder r = request.order();
    long poolPrice = pool.order().getWorkerpoolprice();
    Deal.Builder deal =
        Deal.newBuilder()
            .setApp(app.order().getApp())
            .setAppOwner(appRecord.getOwner())
            .setAppPrice(app.order().getAppprice())
            .setWorkerpool(pool.order().getWorkerpool())
            .setWorkerpoolOwner(poolRecord.getOwner())
            .setWorkerpoolPrice(poolPrice)
            .setTrust(Math.max(r.getTrust(), 1))
            .setCategory(r.getCategory())
            .setRequester(r.getRequester())
            .setBeneficiary(r.getBeneficiary())
            .setParams(r.getParams())
            .setStartTime(context.block().timeSeconds())
            .setBotFirst(consumedBefore)
            .setBotSize(volume)
            .setSchedulerRewardRatio(poolRecord.getSchedulerRewardRatio())
            .setTimeref(timeref)
            .setRequestOrderHash(request.hash())
            .setAppOrderHash(app.hash())
            .setWorkerpoolOrderHash(pool.hash());
    if (dataset != null) {
      deal.setDataset(dataset.order().getDataset())
          .setDatasetOwner(datasetRecord.getOwner())
          .setDatasetPrice(dataset.order().getDatasetprice())
          .setDatasetOrderHash(dataset.hash())
          .setTag(Tags.or(app.order().getTag(), dataset.order().getTag(), r.getTag()));
    } else {
      deal.setTag(Tags.or(app.order().getTag(), r.getTag()));
    }
    try {
      deal.setWorkerStake(percent(poolPrice, poolRecord.getWorkerStakeRatio()))
          .setSchedulerStake(percent(poolPrice, SCHEDULER_STAKE_RATIO));
      Math.multiplyExact(Payouts.taskPrice(deal.build()), volume);
      Math.multiplyExact(deal.getSchedulerStake(), volume);
    } catch (ArithmeticException overflow) {
      return null;
    }
    return deal.build();
  }

  private static TxOutcome lockAndRecord(MsgContext context, Deal deal, Volumes volumes) {
    long volume = deal.getBotSize();
    Address requester = new Address(deal.getRequester());
    Address scheduler = new Address(deal.getWorkerpoolOwner());
    TxOutcome lock =
        Escrow.lock(
            context.state(),
            requester,
            Payouts.taskPrice(deal) * volume,
            "the requester's price of " + volume + " task(s)");
    if (!lock.isOk()) {
      return lock;
    }
    lock =
        Escrow.lock(
            context.state(),
            scheduler,
            deal.getSchedulerStake() * volume,
            "the scheduler's stake of " + volume + " task(s)");
    if (!lock.isOk()) {
      return lock;
    }
    volumes.consume();
    ByteString dealId = PocoIds.dealId(deal.getRequestOrderHash(), deal.getBotFirst());
    if (Schema.DEALS.get(context.state(), dealId).isPresent()) {
      return TxOutcome.fail(TxCode.INTERNAL_ERROR, "deal " + PocoIds.hex(dealId) + " exists");
    }
    Schema.DEALS.put(context.state(), dealId, deal);
    context.emit(
        ChainEvent.of("deal")
            .attr("id", PocoIds.hex(dealId))
            .attr("app", PocoIds.hex(deal.getApp()))
            .attr("dataset", PocoIds.hex(deal.getDataset()))
            .attr("workerpool", PocoIds.hex(deal.getWorkerpool()))
            .attr("requester", PocoIds.hex(deal.getRequester()))
            .attr("bot_first", deal.getBotFirst())
            .attr("volume", volume)
            .attr("trust", deal.getTrust())
            .attr("category", deal.getCategory())
            .build());
    return TxOutcome.OK;
  }

  /** floor(price × ratio / 100) without overflow of the product. */
  static long percent(long price, long ratio) {
    return Math.addExact(price / 100 * ratio, price % 100 * ratio / 100);
  }

  private static TxOutcome signedBy(String what, Address signer, ByteString owner) {
    if (signer.bytes().equals(owner)) {
      return TxOutcome.OK;
    }
    return TxOutcome.fail(
        TxCode.INVALID_ORDER_SIGNATURE,
        what + " is signed by " + signer + ", not by its owner " + PocoIds.hex(owner));
  }

  private static TxOutcome first(TxOutcome... checks) {
    for (TxOutcome c : checks) {
      if (!c.isOk()) {
        return c;
      }
    }
    return TxOutcome.OK;
  }
}
