package io.poco.core.task;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.exec.MsgContext;
import io.poco.core.ids.PocoIds;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.ConsensusGroup;
import io.poco.proto.v1.Contribution;
import io.poco.proto.v1.ContributionStatus;
import io.poco.proto.v1.Task;
import io.poco.proto.v1.TaskStatus;
import java.math.BigInteger;
import java.util.Optional;

/** Reveal and reopen (poco.md §3). */
public final class RevealOperation {

  private RevealOperation() {}

  /**
   * The reveal of {@code worker}, sent by the worker or by the task's scheduler: REVEALING, {@code
   * now < revealDeadline}, its contribution in the consensus group and not yet revealed, and the
   * digest matching both its result hash and its seal.
   */
  public static TxOutcome reveal(
      MsgContext context, ByteString taskId, Address worker, ByteString digest) {
    if (digest.size() != TaskGate.HASH_BYTES) {
      return TxOutcome.fail(TxCode.INVALID_PARAMETER, "reveal: result digest must be 32 bytes");
    }
    TaskGate gate =
        TaskGate.open(context.state(), "reveal", taskId, TaskStatus.TASK_STATUS_REVEALING);
    if (!gate.isOk()) {
      return gate.outcome();
    }
    if (!context.sender().equals(worker)) {
      TxOutcome scheduler =
          gate.requireScheduler("a reveal on a worker's behalf", context.sender());
      if (!scheduler.isOk()) {
        return scheduler;
      }
    }
    Task task = gate.task();
    long now = context.block().timeSeconds();
    if (!(now < task.getRevealDeadline())) {
      return TxOutcome.fail(
          TxCode.DEADLINE_PASSED,
          "reveal deadline " + task.getRevealDeadline() + " has passed (now " + now + ")");
    }
    Optional<Contribution> found = TaskKeeper.contribution(context.state(), taskId, worker);
    if (found.isEmpty()) {
      return TxOutcome.fail(
          TxCode.NOT_IN_CONSENSUS, worker + " did not contribute to " + PocoIds.hex(taskId));
    }
    Contribution c = found.get();
    if (c.getStatus() == ContributionStatus.CONTRIBUTION_STATUS_PROVED) {
      return TxOutcome.fail(TxCode.ALREADY_REVEALED, worker + " has already revealed");
    }
    if (c.getStatus() != ContributionStatus.CONTRIBUTION_STATUS_CONTRIBUTED
        || !c.getResultHash().equals(task.getConsensusValue())) {
      return TxOutcome.fail(
          TxCode.NOT_IN_CONSENSUS,
          "the contribution of " + worker + " is not in the consensus group");
    }
    if (!ResultBinding.resultHash(taskId, digest).equals(c.getResultHash())
        || !ResultBinding.resultSeal(worker, taskId, digest).equals(c.getResultSeal())) {
      return TxOutcome.fail(
          TxCode.REVEAL_MISMATCH,
          "the digest does not match the result hash and seal " + worker + " committed to");
    }
    TaskKeeper.putContribution(
        context.state(),
        taskId,
        worker,
        c.toBuilder().setStatus(ContributionStatus.CONTRIBUTION_STATUS_PROVED).build());
    TaskKeeper.putTask(
        context.state(),
        taskId,
        task.toBuilder().setRevealCount(task.getRevealCount() + 1).setResultDigest(digest).build());
    context.emit(
        TaskEvents.task(taskId, "reveal", TaskStatus.TASK_STATUS_REVEALING)
            .attr("worker", worker)
            .attr("result", "accepted")
            .attr("digest", PocoIds.hex(digest))
            .build());
    return TxOutcome.OK;
  }

  /**
   * The scheduler reopens a task nobody revealed once {@code revealDeadline ≤ now < finalDeadline}:
   * the winners are REJECTED and their group's weight removed; ACTIVE again.
   */
  public static TxOutcome reopen(MsgContext context, ByteString taskId) {
    TaskGate gate =
        TaskGate.open(context.state(), "reopen", taskId, TaskStatus.TASK_STATUS_REVEALING);
    if (!gate.isOk()) {
      return gate.outcome();
    }
    TxOutcome scheduler = gate.requireScheduler("reopen", context.sender());
    if (!scheduler.isOk()) {
      return scheduler;
    }
    Task task = gate.task();
    long now = context.block().timeSeconds();
    if (!(task.getRevealDeadline() <= now)) {
      return TxOutcome.fail(
          TxCode.TOO_EARLY,
          "reopen is possible from the reveal deadline "
              + task.getRevealDeadline()
              + "; now is "
              + now);
    }
    if (!(now < task.getFinalDeadline())) {
      return TxOutcome.fail(
          TxCode.DEADLINE_PASSED,
          "final deadline " + task.getFinalDeadline() + " has passed (now " + now + ")");
    }
    if (task.getRevealCount() != 0) {
      return TxOutcome.fail(
          TxCode.ALREADY_REVEALED,
          task.getRevealCount() + " winner(s) revealed: finalize instead of reopening");
    }
    ByteString value = task.getConsensusValue();
    for (WorkerContribution wc : TaskKeeper.contributions(context.state(), taskId)) {
      Contribution c = wc.contribution();
      if (c.getStatus() == ContributionStatus.CONTRIBUTION_STATUS_CONTRIBUTED
          && c.getResultHash().equals(value)) {
        TaskKeeper.putContribution(
            context.state(),
            taskId,
            wc.worker(),
            c.toBuilder().setStatus(ContributionStatus.CONTRIBUTION_STATUS_REJECTED).build());
      }
    }
    BigInteger group =
        Consensus.decode(
            TaskKeeper.group(context.state(), taskId, value)
                .orElse(ConsensusGroup.getDefaultInstance())
                .getWeightProduct());
    TaskKeeper.deleteGroup(context.state(), taskId, value);
    BigInteger total = Consensus.decode(task.getConsensusTotal()).subtract(group);
    TaskKeeper.putTask(
        context.state(),
        taskId,
        task.toBuilder()
            .setStatus(TaskStatus.TASK_STATUS_ACTIVE)
            .setConsensusTotal(Consensus.encode(total))
            .clearConsensusValue()
            .setConsensusTime(0)
            .setRevealDeadline(0)
            .setWinnerCount(0)
            .build());
    context.emit(
        TaskEvents.task(taskId, "reopen", TaskStatus.TASK_STATUS_ACTIVE)
            .attr("rejected", PocoIds.hex(value))
            .build());
    return TxOutcome.OK;
  }
}
