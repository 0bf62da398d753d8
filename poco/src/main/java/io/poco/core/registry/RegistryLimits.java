package io.poco.core.registry;

import com.google.protobuf.ByteString;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxOutcome;

/** Size limits of registry fields, so a record cannot bloat state. */
final class RegistryLimits {

  static final int MAX_TEXT_BYTES = 1024;
  static final int MAX_CHECKSUM_BYTES = 64;

  private RegistryLimits() {}

  static TxOutcome text(String what, ByteString utf8) {
    if (utf8.size() > MAX_TEXT_BYTES) {
      return TxOutcome.fail(
          TxCode.INVALID_PARAMETER,
          what + " is " + utf8.size() + " bytes; the limit is " + MAX_TEXT_BYTES);
    }
    return TxOutcome.OK;
  }

  static TxOutcome checksum(ByteString checksum) {
    if (checksum.size() > MAX_CHECKSUM_BYTES) {
      return TxOutcome.fail(
          TxCode.INVALID_PARAMETER,
          "checksum is " + checksum.size() + " bytes; the limit is " + MAX_CHECKSUM_BYTES);
    }
    return TxOutcome.OK;
  }

  static TxOutcome ratio(String what, long ratio) {
    if (ratio < 0 || ratio > 100) {
      return TxOutcome.fail(TxCode.INVALID_PARAMETER, what + " must be 0..100, got " + ratio);
    }
    return TxOutcome.OK;
  }

  /** The first failure of {@code checks}, or OK. */
  static TxOutcome all(TxOutcome... checks) {
    for (TxOutcome check : checks) {
      if (!check.isOk()) {
        return check;
      }
    }
    return TxOutcome.OK;
  }
}
