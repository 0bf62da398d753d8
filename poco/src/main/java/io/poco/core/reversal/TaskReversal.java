package io.poco.core.reversal;

import com.google.protobuf.ByteString;
import io.poco.core.account.AccountKeeper;
import io.poco.core.crypto.Address;
import io.poco.core.economics.Kitty;
import io.poco.core.economics.PayoutKind;
import io.poco.core.economics.Payouts;
import io.poco.core.economics.PendingSettlement;
import io.poco.core.exec.BlockContext;
import io.poco.core.exec.ChainEvent;
import io.poco.core.exec.Schema;
import io.poco.core.ids.PocoIds;
import io.poco.core.params.PocoParamsKeeper;
import io.poco.core.task.Consensus;
import io.poco.core.task.TaskKeeper;
import io.poco.core.task.WorkerContribution;
import io.poco.proto.v1.Contribution;
import io.poco.proto.v1.ContributionStatus;
import io.poco.proto.v1.Deal;
import io.poco.proto.v1.PendingEntry;
import io.poco.proto.v1.Task;
import io.poco.proto.v1.TaskStatus;
import io.poco.state.KeyValueReader;
import io.poco.state.StateUpdater;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reverses a task and backtracks over its caught workers' other tasks (poco.md §7). Called by the
 * verification flow when the verifiers' majority contradicts a task's consensus.
 *
 * <p>A reversed task's pending entries (everything its finalize paid: the price, the scheduler's
 * stake and kitty bonus, every contributor's stake) are cancelled and paid again: the requester
 * gets the task price back, the scheduler its stake, the kitty its bonus, every contributor outside
 * the winning group its stake; the winning group's stakes are seized, 10 % to the challenger, 10 %
 * shared by the finders, the rest to the kitty (the price is the requester's only expense on chain,
 * and it is refunded whole). Caught workers' scores become 0 and they are blacklisted.
 */
public final class TaskReversal {

  /** Percent of the seized stakes for the challenger, and for the finders together. */
  public static final long REWARD_PERCENT = 10;

  private TaskReversal() {}

  /**
   * Reverses the COMPLETED task of {@code cause}, then backtracks over every worker it catches, and
   * over the workers those reversals catch in turn (each task is reversed at most once, so the
   * cascade ends).
   *
   * @return the events to report, in order
   * @throws IllegalStateException if the task is not COMPLETED (the caller checks first)
   */
  public static List<ChainEvent> reverse(
      StateUpdater state, BlockContext block, ReversalCause cause) {
    List<ChainEvent> events = new ArrayList<>();
    TreeSet<Address> caught = new TreeSet<>();
    ArrayDeque<Address> toBacktrack = new ArrayDeque<>();
    reverseTask(
        state,
        block,
        cause.taskId(),
        cause.challenger(),
        cause.finders(),
        true,
        caught,
        toBacktrack,
        events);
    while (!toBacktrack.isEmpty()) {
      Address worker = toBacktrack.poll();
      for (ByteString taskId : TaskKeeper.wins(state, worker)) {
        Task task = TaskKeeper.task(state, taskId).orElseThrow();
        if (task.getStatus() != TaskStatus.TASK_STATUS_COMPLETED) {
          continue; // reversed by an earlier step of this backtracking
        }
        if (consensusHolds(state, taskId, task, caught)) {
          forfeit(state, taskId, task, worker, events);
        } else {
          reverseTask(
              state,
              block,
              taskId,
              Optional.empty(),
              List.of(),
              false,
              caught,
              toBacktrack,
              events);
        }
      }
    }
    return events;
  }

  /**
   * Whether the task's consensus holds once the contributions of {@code without} count as REJECTED:
   * the exact test of poco.md §4 on the groups rebuilt from the remaining contributions.
   */
  static boolean consensusHolds(
      KeyValueReader state, ByteString taskId, Task task, TreeSet<Address> without) {
    Deal deal = TaskKeeper.deal(state, task.getDealId()).orElseThrow();
    TreeMap<ByteString, BigInteger> groups =
        new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    BigInteger total = BigInteger.ONE;
    for (WorkerContribution wc : TaskKeeper.contributions(state, taskId)) {
      Contribution c = wc.contribution();
      if (c.getStatus() == ContributionStatus.CONTRIBUTION_STATUS_REJECTED
          || c.getStatus() == ContributionStatus.CONTRIBUTION_STATUS_FORFEITED
          || without.contains(wc.worker())) {
        continue;
      }
      BigInteger group = groups.getOrDefault(c.getResultHash(), BigInteger.ZERO);
      BigInteger delta = Consensus.delta(group, c.getWeight());
      groups.put(c.getResultHash(), group.add(delta));
      total = total.add(delta);
    }
    BigInteger winning = groups.getOrDefault(task.getConsensusValue(), BigInteger.ZERO);
    return winning.signum() > 0 && Consensus.reached(winning, total, deal.getTrust());
  }

  private static void reverseTask(
      StateUpdater state,
      BlockContext block,
      ByteString taskId,
      Optional<Address> challenger,
      List<Address> finders,
      boolean fraud,
      TreeSet<Address> caught,
      ArrayDeque<Address> toBacktrack,
      List<ChainEvent> events) {
    Task task = TaskKeeper.task(state, taskId).orElseThrow();
    if (task.getStatus() != TaskStatus.TASK_STATUS_COMPLETED) {
      throw new IllegalStateException(
          "only a COMPLETED task can be reversed; "
              + PocoIds.hex(taskId)
              + " is "
              + task.getStatus());
    }
    Deal deal = TaskKeeper.deal(state, task.getDealId()).orElseThrow();
    List<PendingEntry> cancelled =
        PendingSettlement.cancel(state, taskId, task.getReleaseTime(), e -> true);
    PendingSettlement.unqueueSettle(state, taskId, task.getReleaseTime());
    long pool = 0;
    long kittyBonus = 0;
    for (PendingEntry e : cancelled) {
      pool = Math.addExact(pool, e.getAmount());
      if (e.getKind().equals(PayoutKind.KITTY_BONUS.name())) {
        kittyBonus = Math.addExact(kittyBonus, e.getAmount());
      }
    }
    Payments pay = new Payments(state, taskId, events);
    pay.credit(new Address(deal.getRequester()), Payouts.taskPrice(deal), "requester_refund");
    pay.credit(
        new Address(deal.getWorkerpoolOwner()), deal.getSchedulerStake(), "scheduler_stake_return");
    pay.toKitty(kittyBonus, "kitty_bonus_return");
    long seized = 0;
    List<Address> newlyCaught = new ArrayList<>();
    for (WorkerContribution wc : TaskKeeper.contributions(state, taskId)) {
      Contribution c = wc.contribution();
      boolean winner =
          c.getStatus() != ContributionStatus.CONTRIBUTION_STATUS_REJECTED
              && c.getStatus() != ContributionStatus.CONTRIBUTION_STATUS_FORFEITED
              && c.getResultHash().equals(task.getConsensusValue());
      // Fraud catches the whole winning group; a backtracking reversal seizes only the workers
      // already caught, and the other winners get their stakes back. A worker that forfeited in
      // this task (caught earlier) loses its stake either way: its forfeit entry is in the pool.
      if (c.getStatus() == ContributionStatus.CONTRIBUTION_STATUS_FORFEITED) {
        seized = Math.addExact(seized, c.getStake());
      } else if (winner && (fraud || caught.contains(wc.worker()))) {
        seized = Math.addExact(seized, c.getStake());
        if (caught.add(wc.worker())) {
          newlyCaught.add(wc.worker());
        }
      } else {
        pay.credit(wc.worker(), c.getStake(), "worker_stake_return");
      }
    }
    long challengerShare = 0;
    if (challenger.isPresent()) {
      challengerShare = Payouts.share(seized, REWARD_PERCENT);
      pay.credit(challenger.get(), challengerShare, "challenger_reward");
    }
    long findersShare = finders.isEmpty() ? 0 : Payouts.share(seized, REWARD_PERCENT);
    long each = finders.isEmpty() ? 0 : findersShare / finders.size();
    for (Address finder : finders) {
      pay.credit(finder, each, "verifier_reward");
    }
    pay.toKitty(seized - challengerShare - each * finders.size(), "seized_stakes");
    if (pay.total() != pool) {
      throw new IllegalStateException(
          "reversal of "
              + PocoIds.hex(taskId)
              + " pays "
              + pay.total()
              + " of "
              + pool
              + " nRLC cancelled");
    }
    long until = Math.addExact(block.timeSeconds(), PocoParamsKeeper.blacklistDuration(state));
    for (Address w : newlyCaught) {
      TaskKeeper.putScore(state, w, 0);
      TaskKeeper.blacklist(state, w, until);
      toBacktrack.add(w);
      events.add(
          ChainEvent.of("worker_caught")
              .attr("worker", w)
              .attr("task", PocoIds.hex(taskId))
              .attr("blacklisted_until", until)
              .build());
    }
    TaskKeeper.forgetWins(state, taskId);
    TaskKeeper.putTask(
        state, taskId, task.toBuilder().setStatus(TaskStatus.TASK_STATUS_REVERSED).build());
    events.add(
        ChainEvent.of("task")
            .attr("id", PocoIds.hex(taskId))
            .attr("action", "reverse")
            .attr("status", "REVERSED")
            .attr("reason", fraud ? "fraud" : "backtracking")
            .attr("seized", seized)
            .build());
  }

  /**
   * Backtracking found the task's consensus still holds without {@code worker}: its pending stake
   * and reward in the task become one pending entry for the kitty (released with the task, or
   * cancelled with the rest if the task is reversed later), and its contribution is FORFEITED.
   */
  private static void forfeit(
      StateUpdater state, ByteString taskId, Task task, Address worker, List<ChainEvent> events) {
    List<PendingEntry> entries =
        PendingSettlement.cancel(
            state,
            taskId,
            task.getReleaseTime(),
            e ->
                e.getBeneficiary().equals(worker.bytes())
                    && (e.getKind().equals(PayoutKind.WORKER_STAKE_RETURN.name())
                        || e.getKind().equals(PayoutKind.WORKER_REWARD.name())));
    long amount = 0;
    for (PendingEntry e : entries) {
      amount = Math.addExact(amount, e.getAmount());
    }
    PendingSettlement.addToKitty(state, taskId, task.getReleaseTime(), amount);
    TaskKeeper.contribution(state, taskId, worker)
        .ifPresent(
            c ->
                TaskKeeper.putContribution(
                    state,
                    taskId,
                    worker,
                    c.toBuilder()
                        .setStatus(ContributionStatus.CONTRIBUTION_STATUS_FORFEITED)
                        .build()));
    Schema.WINS.delete(state, worker.bytes().concat(taskId));
    events.add(
        ChainEvent.of("forfeit")
            .attr("task", PocoIds.hex(taskId))
            .attr("worker", worker)
            .attr("amount", amount)
            .build());
  }

  /** The credits of one reversal, with their events and running total. */
  private static final class Payments {
    private final StateUpdater state;
    private final ByteString taskId;
    private final List<ChainEvent> events;
    private long total;

    Payments(StateUpdater state, ByteString taskId, List<ChainEvent> events) {
      this.state = state;
      this.taskId = taskId;
      this.events = events;
    }

    void credit(Address to, long amount, String kind) {
      if (amount <= 0) {
        return;
      }
      AccountKeeper.credit(state, to, amount);
      record(to.toHex(), amount, kind);
    }

    void toKitty(long amount, String kind) {
      if (amount <= 0) {
        return;
      }
      Kitty.add(state, amount);
      record("kitty", amount, kind);
    }

    private void record(String to, long amount, String kind) {
      total = Math.addExact(total, amount);
      events.add(
          ChainEvent.of("reversal_payout")
              .attr("task", PocoIds.hex(taskId))
              .attr("recipient", to)
              .attr("amount", amount)
              .attr("kind", kind)
              .build());
    }

    long total() {
      return total;
    }
  }
}
