package io.poco.node.cli;

import com.google.protobuf.ByteString;
import io.poco.core.task.ResultBinding;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgDeregisterVerifier;
import io.poco.proto.v1.MsgRegisterVerifier;
import io.poco.proto.v1.MsgVerifierCommit;
import io.poco.proto.v1.MsgVerifierReveal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code poco tx verifier ...}: spot-checks (docs/poco.md). The verifier is {@code --from}. */
@Command(
    name = "verifier",
    mixinStandardHelpOptions = true,
    description = "Verifier transactions: registration and the commit and reveal of a check.",
    subcommands = {
      VerifierTxCommand.Register.class,
      VerifierTxCommand.Deregister.class,
      VerifierTxCommand.Commit.class,
      VerifierTxCommand.Reveal.class
    })
final class VerifierTxCommand {

  private VerifierTxCommand() {}

  @Command(
      name = "register",
      mixinStandardHelpOptions = true,
      description = {
        "Register --from as a verifier: locks the verifier bond (default 1 000 RLC) from its",
        "balance; its score must be at least verifier_min_score (default 100)."
      })
  static final class Register extends PocoTxCommand.Base {
    @Override
    Msg message(String chainId) {
      return Msg.newBuilder().setRegisterVerifier(MsgRegisterVerifier.getDefaultInstance()).build();
    }
  }

  @Command(
      name = "deregister",
      mixinStandardHelpOptions = true,
      description = "Stop verifying and unlock the bond (refused while assigned to a check).")
  static final class Deregister extends PocoTxCommand.Base {
    @Override
    Msg message(String chainId) {
      return Msg.newBuilder()
          .setDeregisterVerifier(MsgDeregisterVerifier.getDefaultInstance())
          .build();
    }
  }

  /** A task and the digest of the verifier's own re-execution. */
  abstract static class WithDigest extends PocoTxCommand.Base {
    @Option(names = "--task", required = true, paramLabel = "TASK_ID", description = "0x task id.")
    String task;

    @Option(
        names = "--digest",
        required = true,
        paramLabel = "DIGEST",
        description = "0x 32-byte digest of the result the verifier computed.")
    String digest;

    ByteString taskId() {
      return PocoTxCommand.id32(task, "--task");
    }

    ByteString digest() {
      return PocoTxCommand.id32(digest, "--digest");
    }
  }

  @Command(
      name = "commit",
      mixinStandardHelpOptions = true,
      description = {
        "Commit to a result for a task you were drawn to check: sends its hash and seal",
        "(bound to --from), not the digest, before the commit deadline (7 x timeref)."
      })
  static final class Commit extends WithDigest {
    @Override
    Msg message(String chainId) {
      ByteString taskId = taskId();
      return Msg.newBuilder()
          .setVerifierCommit(
              MsgVerifierCommit.newBuilder()
                  .setTaskId(taskId)
                  .setResultHash(ResultBinding.resultHash(taskId, digest()))
                  .setResultSeal(ResultBinding.resultSeal(sender(), taskId, digest())))
          .build();
    }
  }

  @Command(
      name = "reveal",
      mixinStandardHelpOptions = true,
      description = {
        "Reveal the digest you committed, once every verifier of the check has committed,",
        "before your reveal deadline."
      })
  static final class Reveal extends WithDigest {
    @Override
    Msg message(String chainId) {
      return Msg.newBuilder()
          .setVerifierReveal(
              MsgVerifierReveal.newBuilder().setTaskId(taskId()).setResultDigest(digest()))
          .build();
    }
  }
}
