package io.poco.core.reversal;

import io.poco.core.exec.BlockContext;
import io.poco.core.exec.ChainEvent;
import io.poco.state.StateUpdater;
import java.util.List;

/**
 * Reverses a task and backtracks over its caught workers' other tasks (poco.md §7). Called by the
 * verification flow when the verifiers' majority contradicts a task's consensus.
 */
public final class TaskReversal {

  private TaskReversal() {}

  /**
   * Reverses the COMPLETED task of {@code cause}: cancels its pending entries, refunds the
   * requester, seizes the winning group's stakes and shares them (challenger 10 %, finders 10 %,
   * rest to the requester then the kitty), resets and blacklists the caught workers, then
   * backtracks over each caught worker's other tasks still inside their reversal window.
   *
   * @return the events to report, in order
   */
  public static List<ChainEvent> reverse(
      StateUpdater state, BlockContext block, ReversalCause cause) {
    throw new UnsupportedOperationException("task reversal is not implemented yet");
  }
}
