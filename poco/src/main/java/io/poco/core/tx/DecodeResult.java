package io.poco.core.tx;

/** Either a decoded transaction or the reason it was refused. */
public record DecodeResult(DecodedTx tx, TxOutcome outcome) {

  static DecodeResult ok(DecodedTx tx) {
    return new DecodeResult(tx, TxOutcome.OK);
  }

  static DecodeResult fail(TxCode code, String log) {
    return new DecodeResult(null, TxOutcome.fail(code, log));
  }

  public boolean isOk() {
    return outcome.isOk();
  }
}
