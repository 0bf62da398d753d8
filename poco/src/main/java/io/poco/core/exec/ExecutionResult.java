package io.poco.core.exec;

import io.poco.core.tx.TxOutcome;
import java.util.List;

/** The result of one transaction: its outcome and the events it emitted (in order). */
public record ExecutionResult(TxOutcome outcome, List<ChainEvent> events) {

  public ExecutionResult {
    events = List.copyOf(events);
  }

  public static ExecutionResult rejected(TxOutcome outcome) {
    return new ExecutionResult(outcome, List.of());
  }
}
