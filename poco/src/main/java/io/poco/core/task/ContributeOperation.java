package io.poco.core.task;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.economics.Escrow;
import io.poco.core.exec.MsgContext;
import io.poco.core.ids.PocoIds;
import io.poco.core.market.SignedOrders;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.ConsensusGroup;
import io.poco.proto.v1.Contribution;
import io.poco.proto.v1.ContributionStatus;
import io.poco.proto.v1.SignedContribution;
import io.poco.proto.v1.Task;
import io.poco.proto.v1.TaskStatus;
import java.math.BigInteger;
import java.util.Optional;

/**
 * One contribution (poco.md §3, §4): the gates in order — task ACTIVE, {@code now <
 * contributionDeadline}, the scheduler's authorization (implicit when the scheduler submits), the
 * worker's first contribution, the worker not blacklisted, its stake locked — then its weight is
 * added to its group and consensus is tested on that group.
 */
public final class ContributeOperation {

  private ContributeOperation() {}

  /** Fixed-length fields of a contribution; INVALID_CONTRIBUTION when one is wrong. */
  public static TxOutcome checkFields(SignedContribution c) {
    if (c.getTaskId().size() != TaskGate.HASH_BYTES
        || c.getResultHash().size() != TaskGate.HASH_BYTES
        || c.getResultSeal().size() != TaskGate.HASH_BYTES) {
      return TxOutcome.fail(
          TxCode.INVALID_CONTRIBUTION, "task id, result hash and result seal must be 32 bytes");
    }
    if (!c.getEnclave().isEmpty() && !Address.isValid(c.getEnclave())) {
      return TxOutcome.fail(TxCode.INVALID_CONTRIBUTION, "enclave must be empty or 20 bytes");
    }
    return TxOutcome.OK;
  }

  /** The signing worker, or empty when the signature is not a valid low-s signature. */
  public static Optional<Address> worker(String chainId, SignedContribution c) {
    if (!checkFields(c).isOk()) {
      return Optional.empty();
    }
    return ContributionSigning.signer(chainId, c);
  }

  /**
   * Applies {@code c} signed by {@code worker}. {@code authorization} is the scheduler's signature;
   * it may be empty when the sender is the scheduler.
   */
  public static TxOutcome contribute(
      MsgContext context, SignedContribution c, Address worker, ByteString authorization) {
    TxOutcome fields = checkFields(c);
    if (!fields.isOk()) {
      return fields;
    }
    TaskGate gate =
        TaskGate.open(context.state(), "contribute", c.getTaskId(), TaskStatus.TASK_STATUS_ACTIVE);
    if (!gate.isOk()) {
      return gate.outcome();
    }
    long now = context.block().timeSeconds();
    Task task = gate.task();
    if (!(now < task.getContributionDeadline())) {
      return TxOutcome.fail(
          TxCode.DEADLINE_PASSED,
          "contribution deadline "
              + task.getContributionDeadline()
              + " has passed (now "
              + now
              + ")");
    }
    TxOutcome auth =
        authorized(context, gate, worker, c.getTaskId(), c.getEnclave(), authorization);
    if (!auth.isOk()) {
      return auth;
    }
    if (TaskKeeper.contribution(context.state(), c.getTaskId(), worker).isPresent()) {
      return TxOutcome.fail(
          TxCode.ALREADY_CONTRIBUTED,
          worker + " already contributed to task " + PocoIds.hex(c.getTaskId()));
    }
    if (TaskKeeper.blacklisted(context.state(), worker, now)) {
      return TxOutcome.fail(TxCode.WORKER_BLACKLISTED, worker + " is blacklisted");
    }
    long stake = gate.deal().getWorkerStake();
    TxOutcome lock = Escrow.lock(context.state(), worker, stake, "the worker stake");
    if (!lock.isOk()) {
      return lock;
    }
    long weight = Consensus.weight(TaskKeeper.score(context.state(), worker));
    Contribution contribution =
        Contribution.newBuilder()
            .setStatus(ContributionStatus.CONTRIBUTION_STATUS_CONTRIBUTED)
            .setResultHash(c.getResultHash())
            .setResultSeal(c.getResultSeal())
            .setEnclave(c.getEnclave())
            .setWeight(weight)
            .setRewardWeight(Consensus.rewardWeight(weight))
            .setStake(stake)
            .setTime(now)
            .setSequence(task.getContributorCount())
            .build();
    TaskKeeper.putContribution(context.state(), c.getTaskId(), worker, contribution);
    vote(context, gate, worker, contribution);
    return TxOutcome.OK;
  }

  /** The implicit (sender is the scheduler) or explicit authorization of the worker. */
  static TxOutcome authorized(
      MsgContext context,
      TaskGate gate,
      Address worker,
      ByteString taskId,
      ByteString enclave,
      ByteString authorization) {
    if (context.sender().equals(gate.scheduler())) {
      return TxOutcome.OK;
    }
    if (authorization.isEmpty()) {
      return TxOutcome.fail(
          TxCode.NOT_AUTHORIZED,
          "a contribution not submitted by the scheduler "
              + gate.scheduler()
              + " needs its authorization");
    }
    Optional<Address> signer =
        authorizer(context.block().chainId(), worker, taskId, enclave, authorization);
    if (signer.isEmpty() || !signer.get().equals(gate.scheduler())) {
      return TxOutcome.fail(
          TxCode.INVALID_AUTHORIZATION,
          "the authorization of " + worker + " is not signed by the scheduler " + gate.scheduler());
    }
    return TxOutcome.OK;
  }

  /** Who signed {@code authorization} of {@code worker} for the task; empty when malformed. */
  static Optional<Address> authorizer(
      String chainId,
      Address worker,
      ByteString taskId,
      ByteString enclave,
      ByteString authorization) {
    byte[] digest = ContributionSigning.authorizationDigest(chainId, worker, taskId, enclave);
    return SignedOrders.recover(ByteString.copyFrom(digest), authorization);
  }

  private static void vote(
      MsgContext context, TaskGate gate, Address worker, Contribution contribution) {
    ByteString taskId = gate.taskId();
    ByteString hash = contribution.getResultHash();
    ConsensusGroup group =
        TaskKeeper.group(context.state(), taskId, hash).orElse(ConsensusGroup.getDefaultInstance());
    BigInteger value = Consensus.decode(group.getWeightProduct());
    BigInteger delta = Consensus.delta(value, contribution.getWeight());
    value = value.add(delta);
    BigInteger total = Consensus.decode(gate.task().getConsensusTotal()).add(delta);
    int members = group.getContributors() + 1;
    TaskKeeper.putGroup(
        context.state(),
        taskId,
        hash,
        ConsensusGroup.newBuilder()
            .setWeightProduct(Consensus.encode(value))
            .setContributors(members)
            .build());
    Task.Builder task =
        gate.task().toBuilder()
            .setConsensusTotal(Consensus.encode(total))
            .setContributorCount(gate.task().getContributorCount() + 1);
    context.emit(
        TaskEvents.task(taskId, "contribute", TaskStatus.TASK_STATUS_ACTIVE)
            .attr("worker", worker)
            .attr("result", "accepted")
            .attr("result_hash", PocoIds.hex(hash))
            .attr("weight", contribution.getWeight())
            .build());
    if (Consensus.reached(value, total, gate.deal().getTrust())) {
      long now = context.block().timeSeconds();
      task.setStatus(TaskStatus.TASK_STATUS_REVEALING)
          .setConsensusValue(hash)
          .setConsensusTime(now)
          .setRevealDeadline(now + TaskLifecycle.REVEAL_DEADLINE_RATIO * gate.deal().getTimeref())
          .setWinnerCount(members);
      context.emit(
          TaskEvents.task(taskId, "consensus", TaskStatus.TASK_STATUS_REVEALING)
              .attr("consensus", PocoIds.hex(hash))
              .attr("winners", members)
              .attr("reveal_deadline", task.getRevealDeadline())
              .build());
    }
    TaskKeeper.putTask(context.state(), taskId, task.build());
  }
}
