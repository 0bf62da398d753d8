package io.poco.core.market;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.AppOrder;
import io.poco.proto.v1.DatasetOrder;
import io.poco.proto.v1.RequestOrder;
import io.poco.proto.v1.WorkerpoolOrder;

/** Field checks of each order kind that need no state: lengths, amount ranges, volume. */
final class OrderFields {

  static final int MAX_SALT_BYTES = 64;
  static final int MAX_PARAMS_BYTES = 4096;

  private OrderFields() {}

  static TxOutcome check(AppOrder o) {
    String w = "app order";
    return first(
        id(w, "app", o.getApp()),
        amount(w, "appprice", o.getAppprice()),
        volume(w, o.getVolume()),
        tag(w, o.getTag()),
        restriction(w, "datasetrestrict", o.getDatasetrestrict()),
        restriction(w, "workerpoolrestrict", o.getWorkerpoolrestrict()),
        restriction(w, "requesterrestrict", o.getRequesterrestrict()),
        salt(w, o.getSalt()));
  }

  static TxOutcome check(DatasetOrder o) {
    String w = "dataset order";
    return first(
        id(w, "dataset", o.getDataset()),
        amount(w, "datasetprice", o.getDatasetprice()),
        volume(w, o.getVolume()),
        tag(w, o.getTag()),
        restriction(w, "apprestrict", o.getApprestrict()),
        restriction(w, "workerpoolrestrict", o.getWorkerpoolrestrict()),
        restriction(w, "requesterrestrict", o.getRequesterrestrict()),
        salt(w, o.getSalt()));
  }

  static TxOutcome check(WorkerpoolOrder o) {
    String w = "workerpool order";
    return first(
        id(w, "workerpool", o.getWorkerpool()),
        amount(w, "workerpoolprice", o.getWorkerpoolprice()),
        volume(w, o.getVolume()),
        tag(w, o.getTag()),
        amount(w, "trust", o.getTrust()),
        restriction(w, "apprestrict", o.getApprestrict()),
        restriction(w, "datasetrestrict", o.getDatasetrestrict()),
        restriction(w, "requesterrestrict", o.getRequesterrestrict()),
        salt(w, o.getSalt()));
  }

  static TxOutcome check(RequestOrder o) {
    String w = "request order";
    TxOutcome params =
        o.getParamsBytes().size() > MAX_PARAMS_BYTES
            ? invalid(w + ": params exceed " + MAX_PARAMS_BYTES + " bytes")
            : TxOutcome.OK;
    return first(
        id(w, "app", o.getApp()),
        amount(w, "appmaxprice", o.getAppmaxprice()),
        restriction(w, "dataset", o.getDataset()),
        amount(w, "datasetmaxprice", o.getDatasetmaxprice()),
        restriction(w, "workerpool", o.getWorkerpool()),
        amount(w, "workerpoolmaxprice", o.getWorkerpoolmaxprice()),
        id(w, "requester", o.getRequester()),
        volume(w, o.getVolume()),
        tag(w, o.getTag()),
        amount(w, "trust", o.getTrust()),
        restriction(w, "beneficiary", o.getBeneficiary()),
        params,
        salt(w, o.getSalt()));
  }

  private static TxOutcome id(String what, String field, ByteString id) {
    return Address.isValid(id) ? TxOutcome.OK : invalid(what + ": " + field + " must be 20 bytes");
  }

  private static TxOutcome restriction(String what, String field, ByteString id) {
    return id.isEmpty() || Address.isValid(id)
        ? TxOutcome.OK
        : invalid(what + ": " + field + " must be empty or 20 bytes");
  }

  private static TxOutcome amount(String what, String field, long value) {
    return value >= 0 ? TxOutcome.OK : invalid(what + ": " + field + " exceeds 2^63-1");
  }

  private static TxOutcome volume(String what, long volume) {
    return volume > 0 ? TxOutcome.OK : invalid(what + ": volume must be between 1 and 2^63-1");
  }

  private static TxOutcome tag(String what, ByteString tag) {
    return Tags.isValid(tag) ? TxOutcome.OK : invalid(what + ": tag must be empty or 32 bytes");
  }

  private static TxOutcome salt(String what, ByteString salt) {
    return salt.size() <= MAX_SALT_BYTES
        ? TxOutcome.OK
        : invalid(what + ": salt exceeds " + MAX_SALT_BYTES + " bytes");
  }

  private static TxOutcome invalid(String log) {
    return TxOutcome.fail(TxCode.INVALID_ORDER, log);
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
