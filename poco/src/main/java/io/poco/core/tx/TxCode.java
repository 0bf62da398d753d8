package io.poco.core.tx;

/**
 * Result codes of CheckTx and of transaction execution, in codespace {@value #CODESPACE}. The
 * numbers are part of the interface: clients and tests match on them, so they never change.
 */
public enum TxCode {
  OK(0),
  TX_TOO_LARGE(2),
  MALFORMED_TX(3),
  WRONG_CHAIN_ID(4),
  INVALID_SIGNATURE(5),
  NONCE_TOO_LOW(6),
  NONCE_TOO_HIGH(7),
  FEE_TOO_LOW(8),
  INSUFFICIENT_FUNDS(9),
  TOO_MANY_MESSAGES(10),
  NO_MESSAGES(11),
  INVALID_ADDRESS(12),
  INVALID_AMOUNT(13),
  UNKNOWN_MESSAGE(14),
  INSUFFICIENT_FEE_FUNDS(15),
  // PoCo (poco.md §1–§5)
  INVALID_ORDER(20),
  INVALID_ORDER_SIGNATURE(21),
  ORDERS_DO_NOT_MATCH(22),
  ORDER_RESTRICTED(23),
  ORDER_CONSUMED(24),
  UNKNOWN_RESOURCE(25),
  UNKNOWN_DEAL(26),
  UNKNOWN_TASK(27),
  NOT_AUTHORIZED(28),
  WRONG_TASK_STATUS(29),
  TOO_EARLY(30),
  DEADLINE_PASSED(31),
  ALREADY_CONTRIBUTED(32),
  INVALID_CONTRIBUTION(33),
  INVALID_CONTRIBUTION_SIGNATURE(34),
  INVALID_AUTHORIZATION(35),
  WORKER_BLACKLISTED(36),
  NOT_IN_CONSENSUS(37),
  REVEAL_MISMATCH(38),
  REVEALS_INCOMPLETE(39),
  ALREADY_REVEALED(40),
  TASK_OUT_OF_RANGE(41),
  INVALID_PARAMETER(42),
  FAST_PATH_NOT_ALLOWED(43),
  // Spot-checks, challenges and reversal (poco.md §6–§7), 50..69
  VERIFIER_EXISTS(50),
  UNKNOWN_VERIFIER(51),
  SCORE_TOO_LOW(52),
  VERIFIER_BUSY(53),
  NO_OPEN_CHECK(54),
  NOT_ASSIGNED(55),
  COMMITS_PENDING(56),
  CHECK_OPEN(57),
  NO_VERIFIERS(58),
  APP_NOT_DETERMINISTIC(59),
  WINDOW_CLOSED(60),
  // Staking (chain.md §4), 70..89
  VALIDATOR_EXISTS(70),
  UNKNOWN_VALIDATOR(71),
  INVALID_CONSENSUS_KEY(72),
  CONSENSUS_KEY_IN_USE(73),
  INVALID_MONIKER(74),
  SELF_STAKE_TOO_LOW(75),
  INSUFFICIENT_STAKE(76),
  VALIDATOR_NOT_JAILED(77),
  VALIDATOR_TOMBSTONED(78),
  JAIL_NOT_EXPIRED(79),
  NOTHING_TO_EDIT(80),
  BRIDGE_CHANGE_PENDING(81),
  TOO_MANY_UNBONDING_ENTRIES(82),
  INVALID_BRIDGE_ADDRESS(83),
  STAKE_BELOW_MINIMUM(84),
  INTERNAL_ERROR(99);

  public static final String CODESPACE = "poco";

  private final int code;

  TxCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public boolean isOk() {
    return this == OK;
  }

  /** The name of a code number, for clients that print a refusal. */
  public static String nameOf(int code) {
    for (TxCode c : values()) {
      if (c.code == code) {
        return c.name();
      }
    }
    return "UNKNOWN_CODE_" + code;
  }
}
