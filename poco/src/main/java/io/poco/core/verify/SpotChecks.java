package io.poco.core.verify;

import com.google.protobuf.ByteString;
import io.poco.core.account.AccountKeeper;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Keccak;
import io.poco.core.economics.Escrow;
import io.poco.core.economics.Kitty;
import io.poco.core.exec.BlockContext;
import io.poco.core.exec.ChainEvent;
import io.poco.core.exec.Schema;
import io.poco.core.ids.PocoIds;
import io.poco.core.params.PocoParamsKeeper;
import io.poco.core.registry.RegistryKeeper;
import io.poco.core.reversal.ReversalCause;
import io.poco.core.reversal.TaskReversal;
import io.poco.core.task.TaskKeeper;
import io.poco.core.task.WorkerContribution;
import io.poco.proto.v1.CheckOutcome;
import io.poco.proto.v1.Deal;
import io.poco.proto.v1.SlotStatus;
import io.poco.proto.v1.SpotCheck;
import io.poco.proto.v1.Task;
import io.poco.proto.v1.TaskStatus;
import io.poco.proto.v1.VerifierSlot;
import io.poco.state.Codecs;
import io.poco.state.KeyValueReader;
import io.poco.state.StateUpdater;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The life of a check (poco.md §6): drawn at the end of the block a deterministic task completed in
 * (or started by a challenge), verifiers commit within 7·timeref and reveal within 2·timeref more,
 * once every live verifier has committed; a disagreement brings 2r + 1 more verifiers; a missed
 * deadline costs 10 % of the bond and brings a replacement; the verdict upholds the consensus or
 * reverses the task. A check still open when the task's window ends resolves in favour of the
 * consensus, before the window's release.
 */
public final class SpotChecks {

  private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);

  private SpotChecks() {}

  /** {@code uint256(keccak256(seed ‖ taskId)) mod 10^6 < ppm}. */
  public static boolean selected(ByteString seed, ByteString taskId, int ppm) {
    BigInteger x = new BigInteger(1, Keccak.hash(seed, taskId).toByteArray());
    return x.mod(MILLION).compareTo(BigInteger.valueOf(ppm)) < 0;
  }

  /** The latest check of a task, if it ever had one. */
  public static Optional<SpotCheck> check(KeyValueReader state, ByteString taskId) {
    return Schema.CHECKS.get(state, taskId);
  }

  /** True while the task has a check that has not resolved. */
  public static boolean isOpen(KeyValueReader state, ByteString taskId) {
    return check(state, taskId)
        .map(c -> c.getOutcome() == CheckOutcome.CHECK_OUTCOME_OPEN)
        .orElse(false);
  }

  /**
   * End of block: every task completed in it is spot-checked with probability q, drawn from the
   * block hash, if its app is deterministic.
   */
  public static List<ChainEvent> drawCompleted(StateUpdater state, BlockContext block) {
    List<ByteString> completed = new ArrayList<>();
    Schema.COMPLETED_IN_BLOCK.scan(
        state,
        null,
        Integer.MAX_VALUE,
        (taskId, zero) -> {
          completed.add(taskId);
          return true;
        });
    List<ChainEvent> events = new ArrayList<>();
    int ppm = PocoParamsKeeper.spotCheckPpm(state);
    for (ByteString taskId : completed) {
      Schema.COMPLETED_IN_BLOCK.delete(state, taskId);
      Task task = TaskKeeper.task(state, taskId).orElseThrow();
      Deal deal = TaskKeeper.deal(state, task.getDealId()).orElseThrow();
      if (task.getStatus() != TaskStatus.TASK_STATUS_COMPLETED
          || !deterministic(state, deal)
          || !selected(block.blockHash(), taskId, ppm)) {
        continue;
      }
      if (!start(state, block, taskId, Optional.empty(), 0, events)) {
        events.add(
            ChainEvent.of("spot_check")
                .attr("task", PocoIds.hex(taskId))
                .attr("action", "skipped")
                .attr("reason", "no eligible verifier")
                .build());
      }
    }
    return events;
  }

  static boolean deterministic(KeyValueReader state, Deal deal) {
    return RegistryKeeper.app(state, new Address(deal.getApp()))
        .map(a -> a.getDeterministic())
        .orElse(false);
  }

  /**
   * Starts a check of {@code taskId} with r verifiers drawn from the block hash; false (and nothing
   * written) when no verifier can be drawn.
   */
  static boolean start(
      StateUpdater state,
      BlockContext block,
      ByteString taskId,
      Optional<Address> challenger,
      long bond,
      List<ChainEvent> events) {
    Task task = TaskKeeper.task(state, taskId).orElseThrow();
    Deal deal = TaskKeeper.deal(state, task.getDealId()).orElseThrow();
    SpotCheck.Builder check =
        SpotCheck.newBuilder()
            .setOutcome(CheckOutcome.CHECK_OUTCOME_OPEN)
            .setChallengeBond(bond)
            .setStartedTime(block.timeSeconds())
            .setSeed(block.blockHash());
    challenger.ifPresent(c -> check.setChallenger(c.bytes()));
    int added =
        addSlots(
            state, block, taskId, task, deal, check, PocoParamsKeeper.verifiersPerCheck(state), 0);
    if (added == 0) {
      return false;
    }
    save(state, taskId, task, check.build());
    events.add(
        ChainEvent.of("spot_check")
            .attr("task", PocoIds.hex(taskId))
            .attr("action", challenger.isPresent() ? "challenge" : "select")
            .attr("verifiers", verifiers(check))
            .build());
    return true;
  }

  /** Draws up to {@code count} new slots of {@code round}; returns how many it added. */
  private static int addSlots(
      StateUpdater state,
      BlockContext block,
      ByteString taskId,
      Task task,
      Deal deal,
      SpotCheck.Builder check,
      int count,
      int round) {
    TreeSet<Address> excluded = new TreeSet<>();
    for (WorkerContribution wc : TaskKeeper.contributions(state, taskId)) {
      excluded.add(wc.worker());
    }
    excluded.add(new Address(deal.getWorkerpoolOwner()));
    if (!check.getChallenger().isEmpty()) {
      excluded.add(new Address(check.getChallenger()));
    }
    for (VerifierSlot s : check.getSlotsList()) {
      excluded.add(new Address(s.getVerifier()));
    }
    List<Address> drawn =
        VerifierKeeper.draw(
            state, block.blockHash(), taskId, check.getSlotsCount(), count, excluded);
    long commitDeadline =
        Math.addExact(block.timeSeconds(), Math.multiplyExact(7, deal.getTimeref()));
    long revealDeadline = Math.addExact(commitDeadline, Math.multiplyExact(2, deal.getTimeref()));
    for (Address v : drawn) {
      check.addSlots(
          VerifierSlot.newBuilder()
              .setVerifier(v.bytes())
              .setStatus(SlotStatus.SLOT_STATUS_ASSIGNED)
              .setCommitDeadline(commitDeadline)
              .setRevealDeadline(revealDeadline)
              .setRound(round));
      VerifierKeeper.assigned(state, v, 1);
    }
    return drawn.size();
  }

  /**
   * Begin of block: every open check whose next deadline has come. At the task's window end the
   * check resolves in favour of the consensus; before it, each verifier past its deadline loses 10
   * % of its bond and is replaced, and the check moves on.
   */
  public static List<ChainEvent> processDeadlines(StateUpdater state, BlockContext block) {
    long now = block.timeSeconds();
    List<ByteString> due = new ArrayList<>();
    Schema.CHECK_QUEUE.scan(
        state,
        null,
        Integer.MAX_VALUE,
        (key, zero) -> {
          if (Long.compareUnsigned(key.substring(0, 8).asReadOnlyByteBuffer().getLong(), now) > 0) {
            return false;
          }
          due.add(key.substring(8));
          return true;
        });
    List<ChainEvent> events = new ArrayList<>();
    for (ByteString taskId : due) {
      Task task = TaskKeeper.task(state, taskId).orElseThrow();
      SpotCheck.Builder check = check(state, taskId).orElseThrow().toBuilder();
      Deal deal = TaskKeeper.deal(state, task.getDealId()).orElseThrow();
      if (task.getStatus() != TaskStatus.TASK_STATUS_COMPLETED) {
        cancel(state, block, taskId, check, events);
        continue;
      }
      boolean windowEnd = now >= task.getReleaseTime();
      int replace = 0;
      for (int i = 0; i < check.getSlotsCount(); i++) {
        VerifierSlot slot = check.getSlots(i);
        boolean late =
            (slot.getStatus() == SlotStatus.SLOT_STATUS_ASSIGNED
                    && (windowEnd || now >= slot.getCommitDeadline()))
                || (slot.getStatus() == SlotStatus.SLOT_STATUS_COMMITTED
                    && (windowEnd || now >= slot.getRevealDeadline()));
        if (!late) {
          continue;
        }
        Address v = new Address(slot.getVerifier());
        long penalty = VerifierKeeper.penalize(state, v);
        VerifierKeeper.assigned(state, v, -1);
        check.setSlots(i, slot.toBuilder().setStatus(SlotStatus.SLOT_STATUS_TIMED_OUT));
        replace++;
        events.add(
            ChainEvent.of("verifier_timeout")
                .attr("task", PocoIds.hex(taskId))
                .attr("verifier", v)
                .attr("penalty", penalty)
                .build());
      }
      if (windowEnd) {
        resolve(
            state,
            block,
            taskId,
            check,
            Verdict.of(check.build(), task.getConsensusValue()),
            true,
            events);
        continue;
      }
      if (replace > 0) {
        int round = check.getEscalated() ? 1 : 0;
        addSlots(state, block, taskId, task, deal, check, replace, round);
      }
      advance(state, block, taskId, task, deal, check, events);
    }
    return events;
  }

  /** After a reveal or a timeout: escalate, resolve, or wait for the next deadline. */
  static void advance(
      StateUpdater state,
      BlockContext block,
      ByteString taskId,
      Task task,
      Deal deal,
      SpotCheck.Builder check,
      List<ChainEvent> events) {
    if (TaskKeeper.task(state, taskId).orElseThrow().getStatus()
        != TaskStatus.TASK_STATUS_COMPLETED) {
      cancel(state, block, taskId, check, events);
      return;
    }
    Verdict verdict = Verdict.of(check.build(), task.getConsensusValue());
    if (verdict.kind() == Verdict.Kind.ESCALATE) {
      check.setEscalated(true);
      int added =
          addSlots(
              state,
              block,
              taskId,
              task,
              deal,
              check,
              2 * PocoParamsKeeper.verifiersPerCheck(state) + 1,
              1);
      events.add(
          ChainEvent.of("spot_check")
              .attr("task", PocoIds.hex(taskId))
              .attr("action", "escalate")
              .attr("added", added)
              .build());
      verdict = Verdict.of(check.build(), task.getConsensusValue());
    }
    if (verdict.kind() == Verdict.Kind.WAIT) {
      save(state, taskId, task, check.build());
    } else {
      resolve(state, block, taskId, check, verdict, false, events);
    }
  }

  /**
   * Applies the verdict (or, at the window's end, upholds the consensus): fees, forfeited bonds,
   * the challenger's bond, and a reversal on fraud.
   */
  private static void resolve(
      StateUpdater state,
      BlockContext block,
      ByteString taskId,
      SpotCheck.Builder check,
      Verdict verdict,
      boolean windowEnd,
      List<ChainEvent> events) {
    boolean fraud = !windowEnd && verdict.kind() == Verdict.Kind.FRAUD;
    for (VerifierSlot slot : check.getSlotsList()) {
      if (slot.getStatus() != SlotStatus.SLOT_STATUS_TIMED_OUT) {
        VerifierKeeper.assigned(state, new Address(slot.getVerifier()), -1);
      }
    }
    List<Address> winners = fraud ? verdict.disagree() : verdict.agree();
    // Losers of a decided dispute forfeit their bonds to the winners (not at the window's end,
    // where nothing was decided).
    if (!windowEnd && !winners.isEmpty()) {
      List<Address> losers = fraud ? verdict.agree() : verdict.disagree();
      long forfeited = 0;
      for (Address loser : losers) {
        forfeited = Math.addExact(forfeited, VerifierKeeper.forfeitBond(state, loser));
      }
      VerifierKeeper.share(state, forfeited, winners);
    }
    Optional<Address> challenger =
        check.getChallenger().isEmpty()
            ? Optional.empty()
            : Optional.of(new Address(check.getChallenger()));
    if (challenger.isPresent() && check.getChallengeBond() > 0) {
      Escrow.takeLocked(state, challenger.get(), check.getChallengeBond());
      if (fraud || verdict.agree().isEmpty()) {
        AccountKeeper.credit(state, challenger.get(), check.getChallengeBond());
      } else {
        VerifierKeeper.share(state, check.getChallengeBond(), verdict.agree());
      }
    }
    if (!fraud) {
      long fee = PocoParamsKeeper.spotCheckFee(state);
      for (Address v : verdict.agree()) {
        long paid = Math.min(fee, Kitty.balance(state));
        if (paid > 0) {
          Kitty.take(state, paid);
          AccountKeeper.credit(state, v, paid);
        }
      }
    }
    unqueue(state, taskId, check.getQueuedAt());
    SpotCheck resolved =
        check
            .setOutcome(
                fraud ? CheckOutcome.CHECK_OUTCOME_FRAUD : CheckOutcome.CHECK_OUTCOME_UPHELD)
            .setResolvedTime(block.timeSeconds())
            .setQueuedAt(0)
            .build();
    Schema.CHECKS.put(state, taskId, resolved);
    events.add(
        ChainEvent.of("spot_check")
            .attr("task", PocoIds.hex(taskId))
            .attr("action", "resolve")
            .attr("outcome", fraud ? "fraud" : "upheld")
            .attr("agree", verdict.agree().size())
            .attr("disagree", verdict.disagree().size())
            .attr("window_end", windowEnd)
            .build());
    if (fraud) {
      events.addAll(
          TaskReversal.reverse(
              state, block, new ReversalCause(taskId, challenger, verdict.disagree())));
    }
  }

  /**
   * Ends the check of a task that backtracking reversed meanwhile: verifiers are released, a
   * challenger gets its bond back, nobody is paid or penalised.
   */
  private static void cancel(
      StateUpdater state,
      BlockContext block,
      ByteString taskId,
      SpotCheck.Builder check,
      List<ChainEvent> events) {
    for (VerifierSlot slot : check.getSlotsList()) {
      if (slot.getStatus() != SlotStatus.SLOT_STATUS_TIMED_OUT) {
        VerifierKeeper.assigned(state, new Address(slot.getVerifier()), -1);
      }
    }
    if (!check.getChallenger().isEmpty() && check.getChallengeBond() > 0) {
      Address challenger = new Address(check.getChallenger());
      Escrow.takeLocked(state, challenger, check.getChallengeBond());
      AccountKeeper.credit(state, challenger, check.getChallengeBond());
    }
    unqueue(state, taskId, check.getQueuedAt());
    Schema.CHECKS.put(
        state,
        taskId,
        check
            .setOutcome(CheckOutcome.CHECK_OUTCOME_CANCELLED)
            .setResolvedTime(block.timeSeconds())
            .setQueuedAt(0)
            .build());
    events.add(
        ChainEvent.of("spot_check")
            .attr("task", PocoIds.hex(taskId))
            .attr("action", "cancel")
            .attr("reason", "task reversed by backtracking")
            .build());
  }

  /** Stores an open check, queued under its next deadline. */
  static void save(StateUpdater state, ByteString taskId, Task task, SpotCheck check) {
    long next = task.getReleaseTime();
    for (VerifierSlot s : check.getSlotsList()) {
      if (s.getStatus() == SlotStatus.SLOT_STATUS_ASSIGNED) {
        next = Math.min(next, s.getCommitDeadline());
      } else if (s.getStatus() == SlotStatus.SLOT_STATUS_COMMITTED) {
        next = Math.min(next, s.getRevealDeadline());
      }
    }
    SpotCheck stored = Schema.CHECKS.get(state, taskId).orElse(null);
    if (stored != null && stored.getOutcome() == CheckOutcome.CHECK_OUTCOME_OPEN) {
      unqueue(state, taskId, stored.getQueuedAt());
    }
    Schema.CHECK_QUEUE.put(state, Codecs.UINT64.encode(next).concat(taskId), 0L);
    Schema.CHECKS.put(state, taskId, check.toBuilder().setQueuedAt(next).build());
  }

  private static void unqueue(StateUpdater state, ByteString taskId, long queuedAt) {
    Schema.CHECK_QUEUE.delete(state, Codecs.UINT64.encode(queuedAt).concat(taskId));
  }

  private static String verifiers(SpotCheck.Builder check) {
    StringBuilder sb = new StringBuilder();
    for (VerifierSlot s : check.getSlotsList()) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(new Address(s.getVerifier()).toHex());
    }
    return sb.toString();
  }
}
