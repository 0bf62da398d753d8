package io.poco.core.task;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.economics.Contributor;
import io.poco.core.economics.Kitty;
import io.poco.core.economics.Payouts;
import io.poco.core.economics.Settlement;
import io.poco.core.economics.SettlementExecutor;
import io.poco.core.exec.MsgContext;
import io.poco.core.ids.PocoIds;
import io.poco.core.params.PocoParamsKeeper;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.Contribution;
import io.poco.proto.v1.ContributionStatus;
import io.poco.proto.v1.Task;
import io.poco.proto.v1.TaskStatus;
import java.util.ArrayList;
import java.util.List;

/** Finalize and the trust-1 fast path (poco.md §3, §4 scores, §5 payouts). */
public final class FinalizeOperation {

  /** The most bytes of results a finalize may record. */
  public static final int MAX_RESULTS_BYTES = 4096;

  private FinalizeOperation() {}

  /**
   * The scheduler finalizes a REVEALING task while {@code now < finalDeadline}, once every winner
   * revealed or, from the reveal deadline on, at least one did: COMPLETED, payouts of §5, scores.
   */
  public static TxOutcome finalize(MsgContext context, ByteString taskId, ByteString results) {
    TaskGate gate =
        TaskGate.open(context.state(), "finalize", taskId, TaskStatus.TASK_STATUS_REVEALING);
    if (!gate.isOk()) {
      return gate.outcome();
    }
    TxOutcome scheduler = gate.requireScheduler("finalize", context.sender());
    if (!scheduler.isOk()) {
      return scheduler;
    }
    Task task = gate.task();
    long now = context.block().timeSeconds();
    if (!(now < task.getFinalDeadline())) {
      return TxOutcome.fail(
          TxCode.DEADLINE_PASSED,
          "final deadline " + task.getFinalDeadline() + " has passed (now " + now + "): claim");
    }
    boolean allRevealed = task.getRevealCount() == task.getWinnerCount();
    boolean someRevealedInTime = task.getRevealCount() > 0 && now >= task.getRevealDeadline();
    if (!allRevealed && !someRevealedInTime) {
      return TxOutcome.fail(
          TxCode.REVEALS_INCOMPLETE,
          task.getRevealCount()
              + " of "
              + task.getWinnerCount()
              + " winners revealed; finalize needs all, or one after the reveal deadline "
              + task.getRevealDeadline());
    }
    List<WorkerContribution> all = TaskKeeper.contributions(context.state(), taskId);
    List<Contributor> contributors = new ArrayList<>();
    for (WorkerContribution wc : all) {
      Contribution c = wc.contribution();
      contributors.add(new Contributor(wc.worker(), proved(c), c.getRewardWeight(), c.getStake()));
    }
    Settlement settlement =
        Payouts.finalize(gate.deal(), contributors, Kitty.balance(context.state()));
    long release = Math.addExact(now, PocoParamsKeeper.reversalWindow(context.state()));
    SettlementExecutor.applyPending(context.state(), settlement, taskId, release);
    updateScores(context, all, task.getContributorCount() > 1);
    List<Address> winners = new ArrayList<>();
    for (WorkerContribution wc : all) {
      if (proved(wc.contribution())) {
        winners.add(wc.worker());
      }
    }
    TaskKeeper.putTask(
        context.state(),
        taskId,
        task.toBuilder()
            .setStatus(TaskStatus.TASK_STATUS_COMPLETED)
            .setResults(results)
            .setFinalTime(now)
            .setReleaseTime(release)
            .build());
    TaskKeeper.recordCompletion(context.state(), taskId, winners, release);
    context.emit(
        TaskEvents.task(taskId, "finalize", TaskStatus.TASK_STATUS_COMPLETED)
            .attr("digest", PocoIds.hex(task.getResultDigest()))
            .attr("revealed", task.getRevealCount())
            .attr("contributors", task.getContributorCount())
            .build());
    PayoutEvents.emitPending(context, taskId, settlement, release);
    return TxOutcome.OK;
  }

  /**
   * The fast path: trust 1 and no contribution yet; the worker (the sender) gives its digest and
   * the task completes at once, with no worker stake and no score change.
   */
  public static TxOutcome contributeAndFinalize(
      MsgContext context,
      ByteString taskId,
      ByteString digest,
      ByteString results,
      ByteString enclave,
      ByteString authorization) {
    if (digest.size() != TaskGate.HASH_BYTES) {
      return TxOutcome.fail(TxCode.INVALID_PARAMETER, "result digest must be 32 bytes");
    }
    if (!enclave.isEmpty() && !Address.isValid(enclave)) {
      return TxOutcome.fail(TxCode.INVALID_CONTRIBUTION, "enclave must be empty or 20 bytes");
    }
    TaskGate gate =
        TaskGate.open(
            context.state(), "contribute-and-finalize", taskId, TaskStatus.TASK_STATUS_ACTIVE);
    if (!gate.isOk()) {
      return gate.outcome();
    }
    Task task = gate.task();
    long now = context.block().timeSeconds();
    if (!(now < task.getContributionDeadline())) {
      return TxOutcome.fail(
          TxCode.DEADLINE_PASSED,
          "contribution deadline "
              + task.getContributionDeadline()
              + " has passed (now "
              + now
              + ")");
    }
    if (gate.deal().getTrust() != 1 || task.getContributorCount() != 0) {
      return TxOutcome.fail(
          TxCode.FAST_PATH_NOT_ALLOWED,
          "the fast path needs trust 1 and no contribution yet (trust "
              + gate.deal().getTrust()
              + ", "
              + task.getContributorCount()
              + " contribution(s))");
    }
    Address worker = context.sender();
    TxOutcome auth =
        ContributeOperation.authorized(context, gate, worker, taskId, enclave, authorization);
    if (!auth.isOk()) {
      return auth;
    }
    if (TaskKeeper.blacklisted(context.state(), worker, now)) {
      return TxOutcome.fail(TxCode.WORKER_BLACKLISTED, worker + " is blacklisted");
    }
    ByteString hash = ResultBinding.resultHash(taskId, digest);
    long weight = Consensus.weight(TaskKeeper.score(context.state(), worker));
    TaskKeeper.putContribution(
        context.state(),
        taskId,
        worker,
        Contribution.newBuilder()
            .setStatus(ContributionStatus.CONTRIBUTION_STATUS_PROVED)
            .setResultHash(hash)
            .setResultSeal(ResultBinding.resultSeal(worker, taskId, digest))
            .setEnclave(enclave)
            .setWeight(weight)
            .setRewardWeight(Consensus.rewardWeight(weight))
            .setTime(now)
            .build());
    Settlement settlement =
        Payouts.fastFinalize(gate.deal(), worker, Kitty.balance(context.state()));
    long release = Math.addExact(now, PocoParamsKeeper.reversalWindow(context.state()));
    SettlementExecutor.applyPending(context.state(), settlement, taskId, release);
    TaskKeeper.putTask(
        context.state(),
        taskId,
        task.toBuilder()
            .setStatus(TaskStatus.TASK_STATUS_COMPLETED)
            .setConsensusValue(hash)
            .setConsensusTime(now)
            .setContributorCount(1)
            .setWinnerCount(1)
            .setRevealCount(1)
            .setResultDigest(digest)
            .setResults(results)
            .setFinalTime(now)
            .setReleaseTime(release)
            .build());
    TaskKeeper.recordCompletion(context.state(), taskId, List.of(worker), release);
    context.emit(
        TaskEvents.task(taskId, "contribute-and-finalize", TaskStatus.TASK_STATUS_COMPLETED)
            .attr("worker", worker)
            .attr("digest", PocoIds.hex(digest))
            .build());
    PayoutEvents.emitPending(context, taskId, settlement, release);
    return TxOutcome.OK;
  }

  /** PROVED: +1 when the task had more than one contributor; others: floor(s × 2 / 3). */
  private static void updateScores(
      MsgContext context, List<WorkerContribution> all, boolean replicated) {
    for (WorkerContribution wc : all) {
      long score = TaskKeeper.score(context.state(), wc.worker());
      long next;
      if (proved(wc.contribution())) {
        next = replicated ? Math.addExact(score, 1) : score;
      } else {
        next = score / 3 * 2 + score % 3 * 2 / 3;
      }
      if (next != score) {
        TaskKeeper.putScore(context.state(), wc.worker(), next);
      }
    }
  }

  private static boolean proved(Contribution c) {
    return c.getStatus() == ContributionStatus.CONTRIBUTION_STATUS_PROVED;
  }
}
