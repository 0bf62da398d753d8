package io.poco.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.exec.ExecutionResult;
import io.poco.core.ids.PocoIds;
import io.poco.core.tx.TxCode;
import io.poco.proto.v1.AppOrder;
import io.poco.proto.v1.DatasetOrder;
import io.poco.proto.v1.RequestOrder;
import io.poco.proto.v1.SignedContribution;
import io.poco.proto.v1.WorkerpoolOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets up the market side of a test: who owns what, the prices and policy, and a deal from four
 * signed orders. Fields are public and mutable so a test states only what it changes.
 */
public final class PocoMarket {

  private final PocoChainFixture chain;
  public int appOwner = 0;
  public int datasetOwner = 1;
  public int scheduler = 2;
  public int requester = 3;
  public boolean withDataset = false;
  public long appPrice = 0;
  public long datasetPrice = 0;
  public long poolPrice = 20 * PocoChainFixture.RLC;
  public Integer stakeRatio = null;
  public Integer schedulerRatio = null;
  public long trust = 1;
  public int category = 0;
  public long volume = 1;
  public Address app;
  public Address dataset;
  public Address pool;

  public PocoMarket(PocoChainFixture chain) {
    this.chain = chain;
  }

  /** Registers the app, the dataset (when used) and the workerpool. */
  public PocoMarket register() {
    app = chain.nextId(appOwner, "app");
    chain.ok(appOwner, PocoMsgs.registerApp(true));
    if (withDataset) {
      dataset = chain.nextId(datasetOwner, "dataset");
      chain.ok(datasetOwner, PocoMsgs.registerDataset());
    }
    pool = chain.nextId(scheduler, "workerpool");
    chain.ok(scheduler, PocoMsgs.registerWorkerpool(stakeRatio, schedulerRatio));
    return this;
  }

  public AppOrder.Builder appOrder() {
    return AppOrder.newBuilder().setApp(app.bytes()).setAppprice(appPrice).setVolume(volume);
  }

  public DatasetOrder.Builder datasetOrder() {
    return DatasetOrder.newBuilder()
        .setDataset(dataset.bytes())
        .setDatasetprice(datasetPrice)
        .setVolume(volume);
  }

  public WorkerpoolOrder.Builder poolOrder() {
    return WorkerpoolOrder.newBuilder()
        .setWorkerpool(pool.bytes())
        .setWorkerpoolprice(poolPrice)
        .setVolume(volume)
        .setCategory(category)
        .setTrust(trust);
  }

  public RequestOrder.Builder requestOrder() {
    RequestOrder.Builder r =
        RequestOrder.newBuilder()
            .setApp(app.bytes())
            .setAppmaxprice(appPrice)
            .setWorkerpool(pool.bytes())
            .setWorkerpoolmaxprice(poolPrice)
            .setRequester(chain.address(requester).bytes())
            .setVolume(volume)
            .setCategory(category)
            .setTrust(trust)
            .setParams("{\"args\":\"x\"}");
    if (withDataset) {
      r.setDataset(dataset.bytes()).setDatasetmaxprice(datasetPrice);
    }
    return r;
  }

  /** Matches the four orders as given; returns the execution result. */
  public ExecutionResult match(
      AppOrder.Builder a,
      DatasetOrder.Builder d,
      WorkerpoolOrder.Builder w,
      RequestOrder.Builder r) {
    return chain.exec(
        requester,
        PocoMsgs.match(
            chain.sign(appOwner, a.build()),
            d == null ? null : chain.sign(datasetOwner, d.build()),
            chain.sign(scheduler, w.build()),
            chain.sign(requester, r.build())));
  }

  /** Matches the default orders, which must succeed; returns the deal id. */
  public ByteString deal() {
    ExecutionResult r =
        match(appOrder(), withDataset ? datasetOrder() : null, poolOrder(), requestOrder());
    assertEquals(TxCode.OK, r.outcome().code(), r.outcome().log());
    return hex(PocoChainFixture.attr(r, "deal", "id"));
  }

  /** Initializes task {@code idx} of the deal; returns its id. */
  public ByteString initialize(ByteString dealId, long idx) {
    chain.ok(requester, PocoMsgs.initialize(dealId, idx));
    return PocoIds.taskId(dealId, idx);
  }

  /** Each worker's signed contribution of {@code votes[i]} to the task. */
  public List<SignedContribution> contributions(ByteString taskId, int[] workers, int[] votes) {
    List<SignedContribution> out = new ArrayList<>();
    for (int i = 0; i < workers.length; i++) {
      out.add(
          ContributionSigning.sign(
              PocoChainFixture.CHAIN_ID,
              taskId,
              PocoMsgs.digest(votes[i]),
              ByteString.EMPTY,
              chain.key(workers[i])));
    }
    return out;
  }

  /** The scheduler's batch of contributions. */
  public ExecutionResult contribute(ByteString taskId, int[] workers, int[] votes) {
    return chain.exec(scheduler, PocoMsgs.contributeBatch(contributions(taskId, workers, votes)));
  }

  /** The scheduler's batch of reveals of {@code votes[i]} for each worker. */
  public ExecutionResult reveal(ByteString taskId, int[] workers, int[] votes) {
    List<io.poco.proto.v1.RevealItem> items = new ArrayList<>();
    for (int i = 0; i < workers.length; i++) {
      items.add(
          PocoMsgs.revealItem(
              taskId, chain.address(workers[i]).bytes(), PocoMsgs.digest(votes[i])));
    }
    return chain.exec(scheduler, PocoMsgs.revealBatch(items));
  }

  public ExecutionResult finalizeTask(ByteString taskId) {
    return chain.exec(scheduler, PocoMsgs.finalizeTask(taskId));
  }

  public static ByteString hex(String s) {
    return ByteString.copyFrom(java.util.HexFormat.of().parseHex(s.substring(2)));
  }
}
