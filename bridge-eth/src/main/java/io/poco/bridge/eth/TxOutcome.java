package io.poco.bridge.eth;

import java.math.BigInteger;
import java.util.Optional;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * What became of a transaction: mined and successful, refused in simulation (not sent; {@code
 * error} names the contract's custom error when known), or mined but reverted.
 */
public record TxOutcome(Status status, String error, String message, TransactionReceipt receipt) {
  /** How a transaction ended. */
  public enum Status {
    /** Mined with status 1. */
    MINED,
    /** Refused by {@code eth_call} before sending; nothing was sent. */
    REFUSED,
    /** Mined with status 0. */
    REVERTED
  }

  static TxOutcome mined(TransactionReceipt receipt) {
    return new TxOutcome(Status.MINED, "", "", receipt);
  }

  static TxOutcome refused(String error, String message) {
    return new TxOutcome(Status.REFUSED, error, message, null);
  }

  static TxOutcome reverted(TransactionReceipt receipt) {
    return new TxOutcome(Status.REVERTED, "", "mined but reverted", receipt);
  }

  /** Whether the transaction was mined and succeeded. */
  public boolean ok() {
    return status == Status.MINED;
  }

  /** The receipt, for mined transactions. */
  public Optional<TransactionReceipt> maybeReceipt() {
    return Optional.ofNullable(receipt);
  }

  /** {@code gasUsed} of the receipt; fails for a transaction that was not sent. */
  public BigInteger gasUsed() {
    if (receipt == null) {
      throw new IllegalStateException("not sent: " + error + " " + message);
    }
    return receipt.getGasUsed();
  }
}
