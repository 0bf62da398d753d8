package io.poco.node.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.exec.Schema;
import io.poco.proto.v1.CheckRequest;
import io.poco.proto.v1.CheckResponse;
import io.poco.proto.v1.VerifierRequest;
import io.poco.proto.v1.VerifierResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code poco query verifier|check}: spot-checks and challenges (docs/poco.md). */
final class VerifierQueries {

  private VerifierQueries() {}

  @Command(
      name = "verifier",
      mixinStandardHelpOptions = true,
      description = "A registered verifier: bond, registration time, open checks, score.")
  static final class VerifierCmd implements Callable<Integer> {
    @Mixin NodeOption node;
    @Mixin OutputOption output;
    @Mixin HomeOption home;
    @Mixin ProveOption prove;

    @Parameters(paramLabel = "ADDRESS|KEY", description = "0x address, or a key name.")
    String who;

    @Override
    public Integer call() {
      Address address = QueryCommand.resolve(home, who);
      if (prove.prove) {
        return PocoQueries.proven(node, output, prove, Schema.VERIFIERS, address.bytes());
      }
      VerifierResponse r =
          QueryCommand.withQuery(
              node,
              q -> q.verifier(VerifierRequest.newBuilder().setAddress(address.bytes()).build()));
      ObjectNode out = OutputOption.object();
      out.put("address", address.toHex());
      out.put("bond", Long.toString(r.getVerifier().getBond()));
      out.put("registered_time", Long.toString(r.getVerifier().getRegisteredTime()));
      out.put("open_checks", r.getVerifier().getOpenChecks());
      out.put("score", Long.toString(r.getScore()));
      out.put("height", r.getHeight());
      output.print(out);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "A task's latest spot-check or challenge: outcome (OPEN, UPHELD, FRAUD, CANCELLED), the",
        "challenger and its bond, and each verifier's slot (status, deadlines, committed hash)."
      })
  static final class CheckCmd implements Callable<Integer> {
    @Mixin NodeOption node;
    @Mixin OutputOption output;
    @Mixin ProveOption prove;

    @Parameters(paramLabel = "TASK_ID", description = "0x-hex task id.")
    String taskId;

    @Override
    public Integer call() {
      ByteString id = PocoQueries.id(taskId, "TASK_ID");
      if (prove.prove) {
        return PocoQueries.proven(node, output, prove, Schema.CHECKS, id);
      }
      CheckResponse r =
          QueryCommand.withQuery(
              node, q -> q.check(CheckRequest.newBuilder().setTaskId(id).build()));
      ObjectNode out = ProtoJson.toJson(r.getCheck());
      out.put("outcome", r.getCheck().getOutcome().name());
      out.put("height", r.getHeight());
      output.print(out);
      return ExitCodes.OK;
    }
  }
}
