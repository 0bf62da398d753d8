package io.poco.core.tx;

/** A check or execution result as a value: a code and a message a person can act on. */
public record TxOutcome(TxCode code, String log) {

  public static final TxOutcome OK = new TxOutcome(TxCode.OK, "");

  public static TxOutcome fail(TxCode code, String log) {
    if (code == TxCode.OK) {
      throw new IllegalArgumentException("a failure needs a failure code");
    }
    return new TxOutcome(code, log);
  }

  public boolean isOk() {
    return code == TxCode.OK;
  }
}
