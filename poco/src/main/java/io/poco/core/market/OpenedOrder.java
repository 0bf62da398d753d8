package io.poco.core.market;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.tx.TxOutcome;

/** A signed order after decoding and signature recovery, or the reason it was refused. */
public record OpenedOrder<T>(T order, ByteString hash, Address signer, TxOutcome outcome) {

  static <T> OpenedOrder<T> fail(TxOutcome outcome) {
    return new OpenedOrder<>(null, ByteString.EMPTY, null, outcome);
  }

  public boolean isOk() {
    return outcome.isOk();
  }
}
