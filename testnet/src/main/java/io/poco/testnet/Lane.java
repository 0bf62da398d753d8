package io.poco.testnet;

/**
 * A sequence of transactions from one sender (a workload's unit of concurrency). The {@link
 * LoadDriver} asks for the next transaction, broadcasts it to the lane's node and reports its
 * commit. Lanes keep their own nonces, so a lane can run in several load phases in a row.
 */
public interface Lane {

  /** The node this lane broadcasts to first (its mempool sees the lane's nonces in order). */
  int node();

  /** The next transaction, or null when the lane has nothing more to send. */
  Submission next();

  /**
   * The transaction committed (successfully or not); returns how many contributions it carried that
   * the chain accepted.
   */
  int committed(Submission s, Committed c);
}
