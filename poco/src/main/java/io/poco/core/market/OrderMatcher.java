package io.poco.core.market;

import com.google.protobuf.ByteString;
import io.poco.core.ids.PocoIds;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.AppOrder;
import io.poco.proto.v1.DatasetOrder;
import io.poco.proto.v1.RequestOrder;
import io.poco.proto.v1.WorkerpoolOrder;

/**
 * The cross-order rules of {@code matchOrders} (poco.md §1), as a pure function of the four orders:
 * resources named alike, categories equal, trust, prices, tags and restrictions (a zero restriction
 * means anyone). Volumes and ownership need state and are checked by the handler.
 */
public final class OrderMatcher {

  private OrderMatcher() {}

  /** {@code dataset} is null when the request names no dataset. */
  public static TxOutcome check(
      AppOrder app, DatasetOrder dataset, WorkerpoolOrder pool, RequestOrder request) {
    if (!request.getApp().equals(app.getApp())) {
      return mismatch(
          "the request is for app "
              + hex(request.getApp())
              + ", the app order for "
              + hex(app.getApp()));
    }
    boolean wantsDataset = !PocoIds.isZero(request.getDataset());
    if (wantsDataset && dataset == null) {
      return mismatch(
          "the request names dataset "
              + hex(request.getDataset())
              + " but no dataset order is given");
    }
    if (!wantsDataset && dataset != null) {
      return mismatch("a dataset order is given but the request names no dataset");
    }
    if (dataset != null && !request.getDataset().equals(dataset.getDataset())) {
      return mismatch(
          "the request is for dataset "
              + hex(request.getDataset())
              + ", the dataset order for "
              + hex(dataset.getDataset()));
    }
    if (request.getCategory() != pool.getCategory()) {
      return mismatch(
          "request category "
              + request.getCategory()
              + " differs from workerpool category "
              + pool.getCategory());
    }
    if (request.getTrust() > pool.getTrust()) {
      return mismatch(
          "request trust "
              + request.getTrust()
              + " exceeds the workerpool's trust "
              + pool.getTrust());
    }
    if (request.getAppmaxprice() < app.getAppprice()) {
      return mismatch(
          "app price "
              + app.getAppprice()
              + " exceeds the request's maximum "
              + request.getAppmaxprice());
    }
    if (dataset != null && request.getDatasetmaxprice() < dataset.getDatasetprice()) {
      return mismatch(
          "dataset price "
              + dataset.getDatasetprice()
              + " exceeds the request's maximum "
              + request.getDatasetmaxprice());
    }
    if (request.getWorkerpoolmaxprice() < pool.getWorkerpoolprice()) {
      return mismatch(
          "workerpool price "
              + pool.getWorkerpoolprice()
              + " exceeds the request's maximum "
              + request.getWorkerpoolmaxprice());
    }
    if (!Tags.subset(request.getTag(), pool.getTag())) {
      return mismatch("the request's tag is not a subset of the workerpool's tag");
    }
    if (!Tags.subset(app.getTag(), pool.getTag())) {
      return mismatch("the app order's tag is not a subset of the workerpool's tag");
    }
    if (dataset != null && !Tags.subset(dataset.getTag(), pool.getTag())) {
      return mismatch("the dataset order's tag is not a subset of the workerpool's tag");
    }
    return restrictions(app, dataset, pool, request);
  }

  private static TxOutcome restrictions(
      AppOrder app, DatasetOrder dataset, WorkerpoolOrder pool, RequestOrder request) {
    ByteString datasetId = dataset == null ? PocoIds.ZERO_ADDRESS : dataset.getDataset();
    ByteString requester = request.getRequester();
    TxOutcome[] checks = {
      allowed("the request", "workerpool", request.getWorkerpool(), pool.getWorkerpool()),
      allowed("the app order", "dataset", app.getDatasetrestrict(), datasetId),
      allowed("the app order", "workerpool", app.getWorkerpoolrestrict(), pool.getWorkerpool()),
      allowed("the app order", "requester", app.getRequesterrestrict(), requester),
      dataset == null
          ? TxOutcome.OK
          : allowed("the dataset order", "app", dataset.getApprestrict(), app.getApp()),
      dataset == null
          ? TxOutcome.OK
          : allowed(
              "the dataset order",
              "workerpool",
              dataset.getWorkerpoolrestrict(),
              pool.getWorkerpool()),
      dataset == null
          ? TxOutcome.OK
          : allowed("the dataset order", "requester", dataset.getRequesterrestrict(), requester),
      allowed("the workerpool order", "app", pool.getApprestrict(), app.getApp()),
      allowed("the workerpool order", "dataset", pool.getDatasetrestrict(), datasetId),
      allowed("the workerpool order", "requester", pool.getRequesterrestrict(), requester),
    };
    for (TxOutcome c : checks) {
      if (!c.isOk()) {
        return c;
      }
    }
    return TxOutcome.OK;
  }

  private static TxOutcome allowed(
      String who, String field, ByteString restriction, ByteString actual) {
    if (PocoIds.isZero(restriction) || restriction.equals(actual)) {
      return TxOutcome.OK;
    }
    return TxOutcome.fail(
        TxCode.ORDER_RESTRICTED,
        who
            + " is restricted to "
            + field
            + " "
            + hex(restriction)
            + ", not "
            + (PocoIds.isZero(actual) ? "none" : hex(actual)));
  }

  private static TxOutcome mismatch(String log) {
    return TxOutcome.fail(TxCode.ORDERS_DO_NOT_MATCH, log);
  }

  private static String hex(ByteString b) {
    return PocoIds.hex(b);
  }
}
