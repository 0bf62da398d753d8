package io.poco.core.verify;

import com.google.protobuf.ByteString;
import io.poco.core.account.AccountKeeper;
import io.poco.core.crypto.Address;
import io.poco.core.economics.Escrow;
import io.poco.core.exec.ChainEvent;
import io.poco.core.exec.MsgContext;
import io.poco.core.exec.MsgHandler;
import io.poco.core.exec.Schema;
import io.poco.core.ids.PocoIds;
import io.poco.core.params.PocoParamsKeeper;
import io.poco.core.task.ResultBinding;
import io.poco.core.task.TaskKeeper;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.Deal;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.SlotStatus;
import io.poco.proto.v1.SpotCheck;
import io.poco.proto.v1.Task;
import io.poco.proto.v1.TaskStatus;
import io.poco.proto.v1.Verifier;
import io.poco.proto.v1.VerifierSlot;
import java.util.List;
import java.util.Optional;

/** The verifier and challenge message handlers (poco.md §6), for {@code TxProcessor.standard()}. */
public final class VerifyHandlers {

  private static final int HASH_BYTES = 32;

  private VerifyHandlers() {}

  public static List<MsgHandler> all() {
    return List.of(
        new RegisterHandler(),
        new DeregisterHandler(),
        new CommitHandler(),
        new RevealHandler(),
        new ChallengeHandler());
  }

  static TxOutcome bytes32(String what, ByteString value) {
    return value.size() == HASH_BYTES
        ? TxOutcome.OK
        : TxOutcome.fail(TxCode.INVALID_PARAMETER, what + " must be 32 bytes, got " + value.size());
  }

  /**
   * The open check of a task and the sender's slot in it that is in {@code status}; or, when there
   * is none, the refusal in {@code outcome}.
   */
  private record Assignment(TxOutcome outcome, Task task, SpotCheck check, int slot) {
    static Assignment refused(TxOutcome outcome) {
      return new Assignment(outcome, null, null, -1);
    }
  }

  private static Assignment assignment(
      MsgContext context, String what, ByteString taskId, SlotStatus status) {
    Optional<SpotCheck> check = SpotChecks.check(context.state(), taskId);
    if (check.isEmpty() || !SpotChecks.isOpen(context.state(), taskId)) {
      return Assignment.refused(
          TxOutcome.fail(
              TxCode.NO_OPEN_CHECK,
              what + ": task " + PocoIds.hex(taskId) + " is not under verification"));
    }
    for (int i = 0; i < check.get().getSlotsCount(); i++) {
      VerifierSlot s = check.get().getSlots(i);
      if (s.getVerifier().equals(context.sender().bytes()) && s.getStatus() == status) {
        Task task = TaskKeeper.task(context.state(), taskId).orElseThrow();
        return new Assignment(TxOutcome.OK, task, check.get(), i);
      }
    }
    return Assignment.refused(
        TxOutcome.fail(
            TxCode.NOT_ASSIGNED,
            what
                + ": "
                + context.sender()
                + " has no "
                + (status == SlotStatus.SLOT_STATUS_ASSIGNED ? "pending commit" : "pending reveal")
                + " in the check of "
                + PocoIds.hex(taskId)));
  }

  /** {@code MsgRegisterVerifier}. */
  static final class RegisterHandler implements MsgHandler {
    @Override
    public Msg.SumCase kind() {
      return Msg.SumCase.REGISTER_VERIFIER;
    }

    @Override
    public TxOutcome validate(Msg msg) {
      return TxOutcome.OK;
    }

    @Override
    public TxOutcome execute(MsgContext context, Msg msg) {
      Address sender = context.sender();
      if (VerifierKeeper.get(context.state(), sender).isPresent()) {
        return TxOutcome.fail(
            TxCode.VERIFIER_EXISTS, "register verifier: " + sender + " is already a verifier");
      }
      long score = TaskKeeper.score(context.state(), sender);
      long min = PocoParamsKeeper.verifierMinScore(context.state());
      if (score < min) {
        return TxOutcome.fail(
            TxCode.SCORE_TOO_LOW,
            "register verifier: score " + score + " is below verifier_min_score " + min);
      }
      long bond = PocoParamsKeeper.verifierBond(context.state());
      TxOutcome locked = Escrow.lock(context.state(), sender, bond, "the verifier bond");
      if (!locked.isOk()) {
        return locked;
      }
      VerifierKeeper.put(
          context.state(),
          sender,
          Verifier.newBuilder()
              .setBond(bond)
              .setRegisteredTime(context.block().timeSeconds())
              .build());
      context.emit(
          ChainEvent.of("verifier")
              .attr("address", sender)
              .attr("action", "register")
              .attr("bond", bond)
              .build());
      return TxOutcome.OK;
    }
  }

  /** {@code MsgDeregisterVerifier}. */
  static final class DeregisterHandler implements MsgHandler {
    @Override
    public Msg.SumCase kind() {
      return Msg.SumCase.DEREGISTER_VERIFIER;
    }

    @Override
    public TxOutcome validate(Msg msg) {
      return TxOutcome.OK;
    }

    @Override
    public TxOutcome execute(MsgContext context, Msg msg) {
      Address sender = context.sender();
      Optional<Verifier> v = VerifierKeeper.get(context.state(), sender);
      if (v.isEmpty()) {
        return TxOutcome.fail(
            TxCode.UNKNOWN_VERIFIER, "deregister verifier: " + sender + " is not a verifier");
      }
      if (v.get().getOpenChecks() > 0) {
        return TxOutcome.fail(
            TxCode.VERIFIER_BUSY,
            "deregister verifier: assigned to " + v.get().getOpenChecks() + " open check(s)");
      }
      Escrow.takeLocked(context.state(), sender, v.get().getBond());
      AccountKeeper.credit(context.state(), sender, v.get().getBond());
      Schema.VERIFIERS.delete(context.state(), sender.bytes());
      context.emit(
          ChainEvent.of("verifier")
              .attr("address", sender)
              .attr("action", "deregister")
              .attr("bond", v.get().getBond())
              .build());
      return TxOutcome.OK;
    }
  }

  /** {@code MsgVerifierCommit}. */
  static final class CommitHandler implements MsgHandler {
    @Override
    public Msg.SumCase kind() {
      return Msg.SumCase.VERIFIER_COMMIT;
    }

    @Override
    public TxOutcome validate(Msg msg) {
      var m = msg.getVerifierCommit();
      TxOutcome r = bytes32("verifier commit: task id", m.getTaskId());
      if (r.isOk()) {
        r = bytes32("verifier commit: result hash", m.getResultHash());
      }
      return r.isOk() ? bytes32("verifier commit: result seal", m.getResultSeal()) : r;
    }

    @Override
    public TxOutcome execute(MsgContext context, Msg msg) {
      var m = msg.getVerifierCommit();
      Assignment a =
          assignment(context, "verifier commit", m.getTaskId(), SlotStatus.SLOT_STATUS_ASSIGNED);
      if (!a.outcome().isOk()) {
        return a.outcome();
      }
      VerifierSlot slot = a.check().getSlots(a.slot());
      long now = context.block().timeSeconds();
      if (!(now < slot.getCommitDeadline())) {
        return TxOutcome.fail(
            TxCode.DEADLINE_PASSED,
            "verifier commit: deadline "
                + slot.getCommitDeadline()
                + " has passed (now "
                + now
                + ")");
      }
      SpotCheck.Builder check = a.check().toBuilder();
      check.setSlots(
          a.slot(),
          slot.toBuilder()
              .setStatus(SlotStatus.SLOT_STATUS_COMMITTED)
              .setResultHash(m.getResultHash())
              .setResultSeal(m.getResultSeal()));
      SpotChecks.save(context.state(), m.getTaskId(), a.task(), check.build());
      context.emit(
          ChainEvent.of("spot_check")
              .attr("task", PocoIds.hex(m.getTaskId()))
              .attr("action", "commit")
              .attr("verifier", context.sender())
              .build());
      return TxOutcome.OK;
    }
  }

  /** {@code MsgVerifierReveal}. */
  static final class RevealHandler implements MsgHandler {
    @Override
    public Msg.SumCase kind() {
      return Msg.SumCase.VERIFIER_REVEAL;
    }

    @Override
    public TxOutcome validate(Msg msg) {
      var m = msg.getVerifierReveal();
      TxOutcome r = bytes32("verifier reveal: task id", m.getTaskId());
      return r.isOk() ? bytes32("verifier reveal: result digest", m.getResultDigest()) : r;
    }

    @Override
    public TxOutcome execute(MsgContext context, Msg msg) {
      var m = msg.getVerifierReveal();
      ByteString taskId = m.getTaskId();
      Assignment a =
          assignment(context, "verifier reveal", taskId, SlotStatus.SLOT_STATUS_COMMITTED);
      if (!a.outcome().isOk()) {
        return a.outcome();
      }
      for (VerifierSlot s : a.check().getSlotsList()) {
        if (s.getStatus() == SlotStatus.SLOT_STATUS_ASSIGNED) {
          return TxOutcome.fail(
              TxCode.COMMITS_PENDING,
              "verifier reveal: " + new Address(s.getVerifier()) + " has not committed yet");
        }
      }
      VerifierSlot slot = a.check().getSlots(a.slot());
      long now = context.block().timeSeconds();
      if (!(now < slot.getRevealDeadline())) {
        return TxOutcome.fail(
            TxCode.DEADLINE_PASSED,
            "verifier reveal: deadline "
                + slot.getRevealDeadline()
                + " has passed (now "
                + now
                + ")");
      }
      ByteString digest = m.getResultDigest();
      if (!ResultBinding.resultHash(taskId, digest).equals(slot.getResultHash())
          || !ResultBinding.resultSeal(context.sender(), taskId, digest)
              .equals(slot.getResultSeal())) {
        return TxOutcome.fail(
            TxCode.REVEAL_MISMATCH,
            "verifier reveal: the digest matches neither the committed hash nor the seal");
      }
      SpotCheck.Builder check = a.check().toBuilder();
      check.setSlots(a.slot(), slot.toBuilder().setStatus(SlotStatus.SLOT_STATUS_REVEALED));
      context.emit(
          ChainEvent.of("spot_check")
              .attr("task", PocoIds.hex(taskId))
              .attr("action", "reveal")
              .attr("verifier", context.sender())
              .attr("matches", slot.getResultHash().equals(a.task().getConsensusValue()))
              .build());
      Deal deal = TaskKeeper.deal(context.state(), a.task().getDealId()).orElseThrow();
      SpotChecks.advance(
          context.state(), context.block(), taskId, a.task(), deal, check, context.events());
      return TxOutcome.OK;
    }
  }

  /** {@code MsgChallenge}. */
  static final class ChallengeHandler implements MsgHandler {
    @Override
    public Msg.SumCase kind() {
      return Msg.SumCase.CHALLENGE;
    }

    @Override
    public TxOutcome validate(Msg msg) {
      return bytes32("challenge: task id", msg.getChallenge().getTaskId());
    }

    @Override
    public TxOutcome execute(MsgContext context, Msg msg) {
      ByteString taskId = msg.getChallenge().getTaskId();
      Optional<Task> task = TaskKeeper.task(context.state(), taskId);
      if (task.isEmpty()) {
        return TxOutcome.fail(TxCode.UNKNOWN_TASK, "challenge: no task " + PocoIds.hex(taskId));
      }
      if (task.get().getStatus() != TaskStatus.TASK_STATUS_COMPLETED) {
        return TxOutcome.fail(
            TxCode.WRONG_TASK_STATUS,
            "challenge: the task is " + task.get().getStatus() + "; only a COMPLETED task can be");
      }
      long now = context.block().timeSeconds();
      if (!(now < task.get().getReleaseTime())) {
        return TxOutcome.fail(
            TxCode.WINDOW_CLOSED,
            "challenge: the reversal window closed at " + task.get().getReleaseTime());
      }
      Deal deal = TaskKeeper.deal(context.state(), task.get().getDealId()).orElseThrow();
      if (!SpotChecks.deterministic(context.state(), deal)) {
        return TxOutcome.fail(
            TxCode.APP_NOT_DETERMINISTIC,
            "challenge: the app is not deterministic, its results cannot be re-executed");
      }
      if (SpotChecks.isOpen(context.state(), taskId)) {
        return TxOutcome.fail(
            TxCode.CHECK_OPEN, "challenge: the task is already under verification");
      }
      long bond = PocoParamsKeeper.challengeBond(context.state());
      TxOutcome locked = Escrow.lock(context.state(), context.sender(), bond, "the challenge bond");
      if (!locked.isOk()) {
        return locked;
      }
      if (!SpotChecks.start(
          context.state(),
          context.block(),
          taskId,
          Optional.of(context.sender()),
          bond,
          context.events())) {
        return TxOutcome.fail(TxCode.NO_VERIFIERS, "challenge: no eligible verifier is registered");
      }
      return TxOutcome.OK;
    }
  }
}
