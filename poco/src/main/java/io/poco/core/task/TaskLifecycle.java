package io.poco.core.task;

import com.google.protobuf.ByteString;
import io.poco.core.economics.Contributor;
import io.poco.core.economics.Payouts;
import io.poco.core.economics.Settlement;
import io.poco.core.economics.SettlementExecutor;
import io.poco.core.exec.MsgContext;
import io.poco.core.ids.PocoIds;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.Contribution;
import io.poco.proto.v1.ContributionStatus;
import io.poco.proto.v1.Deal;
import io.poco.proto.v1.Task;
import io.poco.proto.v1.TaskStatus;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Initialize and claim (poco.md §3): the two transitions anyone may make. */
public final class TaskLifecycle {

  /** Contribution deadline = start + 7·timeref; final deadline = start + 10·timeref (§2). */
  public static final long CONTRIBUTION_DEADLINE_RATIO = 7;

  public static final long FINAL_DEADLINE_RATIO = 10;

  /** Reveal deadline = consensus time + 2·timeref (§2). */
  public static final long REVEAL_DEADLINE_RATIO = 2;

  private TaskLifecycle() {}

  /** UNSET → ACTIVE for {@code idx} in the deal's bag; consensus total = 1. */
  public static TxOutcome initialize(MsgContext context, ByteString dealId, long idx) {
    Optional<Deal> deal = TaskKeeper.deal(context.state(), dealId);
    if (deal.isEmpty()) {
      return TxOutcome.fail(TxCode.UNKNOWN_DEAL, "no deal " + PocoIds.hex(dealId));
    }
    Deal d = deal.get();
    if (idx < d.getBotFirst() || idx - d.getBotFirst() >= d.getBotSize()) {
      return TxOutcome.fail(
          TxCode.TASK_OUT_OF_RANGE,
          "index "
              + idx
              + " is outside the deal's tasks ["
              + d.getBotFirst()
              + ", "
              + (d.getBotFirst() + d.getBotSize())
              + ")");
    }
    ByteString taskId = PocoIds.taskId(dealId, idx);
    if (TaskKeeper.task(context.state(), taskId).isPresent()) {
      return TxOutcome.fail(
          TxCode.WRONG_TASK_STATUS, "task " + PocoIds.hex(taskId) + " is already initialized");
    }
    Task task =
        Task.newBuilder()
            .setStatus(TaskStatus.TASK_STATUS_ACTIVE)
            .setDealId(dealId)
            .setIdx(idx)
            .setContributionDeadline(
                d.getStartTime() + CONTRIBUTION_DEADLINE_RATIO * d.getTimeref())
            .setFinalDeadline(d.getStartTime() + FINAL_DEADLINE_RATIO * d.getTimeref())
            .setConsensusTotal(Consensus.encode(BigInteger.ONE))
            .build();
    TaskKeeper.putTask(context.state(), taskId, task);
    context.emit(
        TaskEvents.task(taskId, "initialize", task.getStatus())
            .attr("deal", PocoIds.hex(dealId))
            .attr("idx", idx)
            .build());
    return TxOutcome.OK;
  }

  /**
   * ACTIVE or REVEALING (or UNSET, initialized first) → FAILED once {@code now ≥ finalDeadline}:
   * the requester's price unlocked, the scheduler's stake to the kitty, every stake returned.
   */
  public static TxOutcome claim(MsgContext context, ByteString dealId, long idx) {
    ByteString taskId = PocoIds.taskId(dealId, idx);
    if (TaskKeeper.task(context.state(), taskId).isEmpty()) {
      TxOutcome init = initialize(context, dealId, idx);
      if (!init.isOk()) {
        return init;
      }
    } else if (TaskKeeper.deal(context.state(), dealId).isEmpty()) {
      return TxOutcome.fail(TxCode.UNKNOWN_DEAL, "no deal " + PocoIds.hex(dealId));
    }
    Task task = TaskKeeper.task(context.state(), taskId).orElseThrow();
    if (task.getStatus() != TaskStatus.TASK_STATUS_ACTIVE
        && task.getStatus() != TaskStatus.TASK_STATUS_REVEALING) {
      return TxOutcome.fail(
          TxCode.WRONG_TASK_STATUS,
          "claim needs an ACTIVE or REVEALING task; "
              + PocoIds.hex(taskId)
              + " is "
              + TaskEvents.name(task.getStatus()));
    }
    long now = context.block().timeSeconds();
    if (now < task.getFinalDeadline()) {
      return TxOutcome.fail(
          TxCode.TOO_EARLY,
          "claim is possible from the final deadline "
              + task.getFinalDeadline()
              + "; now is "
              + now);
    }
    Deal deal = TaskKeeper.deal(context.state(), dealId).orElseThrow();
    List<Contributor> contributors = new ArrayList<>();
    for (WorkerContribution wc : TaskKeeper.contributions(context.state(), taskId)) {
      Contribution c = wc.contribution();
      contributors.add(
          new Contributor(
              wc.worker(),
              c.getStatus() == ContributionStatus.CONTRIBUTION_STATUS_PROVED,
              c.getRewardWeight(),
              c.getStake()));
    }
    Settlement settlement = Payouts.claim(deal, contributors);
    SettlementExecutor.apply(context.state(), settlement);
    TaskKeeper.putTask(
        context.state(),
        taskId,
        task.toBuilder().setStatus(TaskStatus.TASK_STATUS_FAILED).setFinalTime(now).build());
    context.emit(TaskEvents.task(taskId, "claim", TaskStatus.TASK_STATUS_FAILED).build());
    PayoutEvents.emit(context, taskId, settlement);
    return TxOutcome.OK;
  }
}
