package io.poco.core.economics;

/** Why a payout is made; the reversal window routes payouts by kind (poco.md §7). */
public enum PayoutKind {
  /** The app owner's price (§5.1). */
  APP_REWARD,
  /** The dataset owner's price (§5.1). */
  DATASET_REWARD,
  /** The scheduler's per-task stake returned (§5.1). */
  SCHEDULER_STAKE_RETURN,
  /** A PROVED worker's stake returned (§5.4), or any contributor's stake on claim (§3). */
  WORKER_STAKE_RETURN,
  /** A PROVED worker's share of the workers' reward (§5.4, §5.7). */
  WORKER_REWARD,
  /** The scheduler's share, rounding dust included (§5.6, §5.7). */
  SCHEDULER_REWARD,
  /** The scheduler's bonus out of the kitty (§5.6). */
  KITTY_BONUS,
  /** The requester's task price returned on claim (§3). */
  REQUESTER_REFUND,
  /** The scheduler's per-task stake seized into the kitty on claim (§3). */
  TO_KITTY
}
