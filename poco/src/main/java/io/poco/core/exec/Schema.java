package io.poco.core.exec;

import com.google.protobuf.ByteString;
import io.poco.proto.v1.Account;
import io.poco.proto.v1.App;
import io.poco.proto.v1.ChainParams;
import io.poco.proto.v1.ConsensusGroup;
import io.poco.proto.v1.Contribution;
import io.poco.proto.v1.Dataset;
import io.poco.proto.v1.Deal;
import io.poco.proto.v1.PendingEntry;
import io.poco.proto.v1.PocoParams;
import io.poco.proto.v1.SigningInfo;
import io.poco.proto.v1.SpotCheck;
import io.poco.proto.v1.StakingParams;
import io.poco.proto.v1.Supply;
import io.poco.proto.v1.Task;
import io.poco.proto.v1.UnbondingEntry;
import io.poco.proto.v1.Validator;
import io.poco.proto.v1.ValidatorSet;
import io.poco.proto.v1.Verifier;
import io.poco.proto.v1.Workerpool;
import io.poco.state.Codecs;
import io.poco.state.Column;

/**
 * Every column of the chain's state, with its one-byte prefix. Prefixes are part of the app hash:
 * never renumber one.
 */
public final class Schema {

  private Schema() {}

  /** The single key of singleton columns. */
  public static final ByteString SINGLETON = ByteString.EMPTY;

  /** 20-byte address → account. */
  public static final Column<ByteString, Account> ACCOUNTS =
      Column.of(0x01, Codecs.BYTES, Codecs.proto(Account.parser()));

  /** The chain parameters. */
  public static final Column<ByteString, ChainParams> PARAMS =
      Column.of(0x02, Codecs.BYTES, Codecs.proto(ChainParams.parser()));

  /** Supply totals. */
  public static final Column<ByteString, Supply> SUPPLY =
      Column.of(0x03, Codecs.BYTES, Codecs.proto(Supply.parser()));

  // PoCo (poco.md §1–§5): prefixes 0x10–0x3f.

  /** The PoCo parameters (categories). */
  public static final Column<ByteString, PocoParams> POCO_PARAMS =
      Column.of(0x10, Codecs.BYTES, Codecs.proto(PocoParams.parser()));

  /** Owner address → how many apps, datasets and workerpools it has registered. */
  public static final Column<ByteString, Long> REGISTRY_NONCES =
      Column.of(0x11, Codecs.BYTES, Codecs.UINT64);

  /** 20-byte app id → app. */
  public static final Column<ByteString, App> APPS =
      Column.of(0x12, Codecs.BYTES, Codecs.proto(App.parser()));

  /** 20-byte dataset id → dataset. */
  public static final Column<ByteString, Dataset> DATASETS =
      Column.of(0x13, Codecs.BYTES, Codecs.proto(Dataset.parser()));

  /** 20-byte workerpool id → workerpool. */
  public static final Column<ByteString, Workerpool> WORKERPOOLS =
      Column.of(0x14, Codecs.BYTES, Codecs.proto(Workerpool.parser()));

  /** 32-byte order hash → consumed volume (a cancelled order is fully consumed). */
  public static final Column<ByteString, Long> CONSUMED =
      Column.of(0x15, Codecs.BYTES, Codecs.UINT64);

  /** 32-byte deal id → deal. */
  public static final Column<ByteString, Deal> DEALS =
      Column.of(0x16, Codecs.BYTES, Codecs.proto(Deal.parser()));

  /** 32-byte task id → task. */
  public static final Column<ByteString, Task> TASKS =
      Column.of(0x17, Codecs.BYTES, Codecs.proto(Task.parser()));

  /** task id (32) ‖ worker (20) → contribution; a task's contributions share a key prefix. */
  public static final Column<ByteString, Contribution> CONTRIBUTIONS =
      Column.of(0x18, Codecs.BYTES, Codecs.proto(Contribution.parser()));

  /** task id (32) ‖ result hash (32) → the group's weight product. */
  public static final Column<ByteString, ConsensusGroup> CONSENSUS_GROUPS =
      Column.of(0x19, Codecs.BYTES, Codecs.proto(ConsensusGroup.parser()));

  /** Worker address → score. */
  public static final Column<ByteString, Long> WORKER_SCORES =
      Column.of(0x1a, Codecs.BYTES, Codecs.UINT64);

  /** The kitty: nRLC seized from failed tasks' schedulers, paid out as scheduler bonuses. */
  public static final Column<ByteString, Long> KITTY = Column.of(0x1b, Codecs.BYTES, Codecs.UINT64);

  /** Worker address → block time until which it may not contribute (poco.md §7). */
  public static final Column<ByteString, Long> BLACKLIST =
      Column.of(0x1c, Codecs.BYTES, Codecs.UINT64);

  // Reversal window (poco.md §7): prefixes 0x20–0x2f.

  /** release time (8, big-endian) ‖ task id (32) ‖ index (4) → pending entry, due order. */
  public static final Column<ByteString, PendingEntry> PENDING =
      Column.of(0x20, Codecs.BYTES, Codecs.proto(PendingEntry.parser()));

  /** beneficiary (20) ‖ the {@link #PENDING} key → amount: an account's pending entries. */
  public static final Column<ByteString, Long> PENDING_BY_ACCOUNT =
      Column.of(0x21, Codecs.BYTES, Codecs.UINT64);

  /** The sum of every pending entry's amount (counted by the supply invariant). */
  public static final Column<ByteString, Long> PENDING_TOTAL =
      Column.of(0x22, Codecs.BYTES, Codecs.UINT64);

  /** release time (8, big-endian) ‖ task id (32) → 0: COMPLETED tasks that become SETTLED. */
  public static final Column<ByteString, Long> SETTLE_QUEUE =
      Column.of(0x23, Codecs.BYTES, Codecs.UINT64);

  /** worker (20) ‖ task id (32) → release time: in-window tasks the worker won (backtracking). */
  public static final Column<ByteString, Long> WINS = Column.of(0x24, Codecs.BYTES, Codecs.UINT64);

  // Spot-checks and challenges (poco.md §6).

  /** 20-byte address → registered verifier. */
  public static final Column<ByteString, Verifier> VERIFIERS =
      Column.of(0x25, Codecs.BYTES, Codecs.proto(Verifier.parser()));

  /** task id → the task's latest verification (open or resolved). */
  public static final Column<ByteString, SpotCheck> CHECKS =
      Column.of(0x26, Codecs.BYTES, Codecs.proto(SpotCheck.parser()));

  /** next deadline (8, big-endian) ‖ task id → 0: open checks, by when they next need work. */
  public static final Column<ByteString, Long> CHECK_QUEUE =
      Column.of(0x27, Codecs.BYTES, Codecs.UINT64);

  /** task id → 0: tasks completed in the current block, drawn for spot-checks at its end. */
  public static final Column<ByteString, Long> COMPLETED_IN_BLOCK =
      Column.of(0x28, Codecs.BYTES, Codecs.UINT64);

  // Staking (chain.md §4): prefixes 0x30–0x3f.

  /** The staking parameters. */
  public static final Column<ByteString, StakingParams> STAKING_PARAMS =
      Column.of(0x30, Codecs.BYTES, Codecs.proto(StakingParams.parser()));

  /** 20-byte operator address → validator. */
  public static final Column<ByteString, Validator> VALIDATORS =
      Column.of(0x31, Codecs.BYTES, Codecs.proto(Validator.parser()));

  /** 20-byte consensus address → 20-byte operator address (kept after tombstoning). */
  public static final Column<ByteString, ByteString> CONSENSUS_ADDRESSES =
      Column.of(0x32, Codecs.BYTES, Codecs.BYTES);

  /** completion time (8) ‖ operator (20) ‖ creation height (8) → unbonding entry. */
  public static final Column<ByteString, UnbondingEntry> UNBONDING =
      Column.of(0x33, Codecs.BYTES, Codecs.proto(UnbondingEntry.parser()));

  /** 20-byte consensus address → liveness record. */
  public static final Column<ByteString, SigningInfo> SIGNING_INFO =
      Column.of(0x34, Codecs.BYTES, Codecs.proto(SigningInfo.parser()));

  /** height → the validator set CometBFT uses at that height (kept for recent heights only). */
  public static final Column<Long, ValidatorSet> VALIDATOR_SETS =
      Column.of(0x35, Codecs.UINT64, Codecs.proto(ValidatorSet.parser()));

  /** 20-byte operator address → number of unbonding entries it has. */
  public static final Column<ByteString, Long> UNBONDING_COUNTS =
      Column.of(0x36, Codecs.BYTES, Codecs.UINT64);

  /** The consensus address of the last block's proposer (it receives fee remainders). */
  public static final Column<ByteString, ByteString> LAST_PROPOSER =
      Column.of(0x37, Codecs.BYTES, Codecs.BYTES);
}
