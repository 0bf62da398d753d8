package io.poco.core.staking;

/** How a validator took part in a commit (CometBFT's BlockIDFlag). */
public enum VoteFlag {
  /** Signed for the block. */
  COMMIT,
  /** Voted, but for nil: online, not a signer of the block. */
  NIL,
  /** No vote received: counts as missed for downtime. */
  ABSENT
}
