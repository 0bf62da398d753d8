package io.poco.core.task;

import com.google.protobuf.ByteString;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxOutcome;

/** Stateless field checks shared by the task messages. */
final class Fields {

  private Fields() {}

  static TxOutcome dealAndIndex(String what, ByteString dealId, long idx) {
    if (dealId.size() != TaskGate.HASH_BYTES) {
      return TxOutcome.fail(TxCode.INVALID_PARAMETER, what + ": deal id must be 32 bytes");
    }
    if (idx < 0) {
      return TxOutcome.fail(TxCode.INVALID_PARAMETER, what + ": index exceeds 2^63-1");
    }
    return TxOutcome.OK;
  }

  static TxOutcome taskId(String what, ByteString taskId) {
    if (taskId.size() != TaskGate.HASH_BYTES) {
      return TxOutcome.fail(TxCode.INVALID_PARAMETER, what + ": task id must be 32 bytes");
    }
    return TxOutcome.OK;
  }

  static TxOutcome results(String what, ByteString results) {
    if (results.size() > FinalizeOperation.MAX_RESULTS_BYTES) {
      return TxOutcome.fail(
          TxCode.INVALID_PARAMETER,
          what
              + ": results are "
              + results.size()
              + " bytes; the limit is "
              + FinalizeOperation.MAX_RESULTS_BYTES);
    }
    return TxOutcome.OK;
  }
}
