package io.poco.node.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.poco.core.crypto.Address;
import io.poco.core.exec.Schema;
import io.poco.proto.v1.ContributionsRequest;
import io.poco.proto.v1.ContributionsResponse;
import io.poco.proto.v1.DealRequest;
import io.poco.proto.v1.DealResponse;
import io.poco.proto.v1.TaskRequest;
import io.poco.proto.v1.TaskResponse;
import io.poco.proto.v1.WorkerContributionView;
import io.poco.proto.v1.WorkerRequest;
import io.poco.proto.v1.WorkerResponse;
import io.poco.state.Column;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code poco query deal|task|contributions|worker}: the PoCo records of committed state. */
final class PocoQueries {

  private PocoQueries() {}

  static ByteString id(String hex, String what) {
    String s = hex.startsWith("0x") ? hex.substring(2) : hex;
    if (s.length() != 64) {
      throw new UsageException(what + " is 32 bytes (64 hex digits), got '" + hex + "'");
    }
    try {
      return ByteString.copyFrom(HexFormat.of().parseHex(s));
    } catch (IllegalArgumentException e) {
      throw new UsageException(what + " is not hex: '" + hex + "'");
    }
  }

  /** A record read with its proof: its fields and {@code exists}, then the proof. */
  static <V extends Message> int proven(
      NodeOption node,
      OutputOption output,
      ProveOption prove,
      Column<ByteString, V> column,
      ByteString id) {
    ProvenValue v = ProvenValue.fetch(node, column.key(id), 0, prove.rpc);
    ObjectNode out = v.decode(column).map(ProtoJson::toJson).orElseGet(OutputOption::object);
    out.put("exists", v.exists());
    return v.print(output, out);
  }

  @Command(
      name = "deal",
      mixinStandardHelpOptions = true,
      description = "A deal: prices, volume, trust, frozen ratios.")
  static final class DealCmd implements Callable<Integer> {
    @Mixin NodeOption node;
    @Mixin OutputOption output;
    @Mixin ProveOption prove;

    @Parameters(paramLabel = "DEAL_ID", description = "0x-hex deal id.")
    String dealId;

    @Override
    public Integer call() {
      ByteString id = id(dealId, "DEAL_ID");
      if (prove.prove) {
        return proven(node, output, prove, Schema.DEALS, id);
      }
      DealResponse r =
          QueryCommand.withQuery(node, q -> q.deal(DealRequest.newBuilder().setId(id).build()));
      ObjectNode out = ProtoJson.toJson(r.getDeal());
      out.put("height", r.getHeight());
      output.print(out);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "task",
      mixinStandardHelpOptions = true,
      description = "A task: status, consensus, deadlines.")
  static final class TaskCmd implements Callable<Integer> {
    @Mixin NodeOption node;
    @Mixin OutputOption output;
    @Mixin ProveOption prove;

    @Parameters(paramLabel = "TASK_ID", description = "0x-hex task id.")
    String taskId;

    @Override
    public Integer call() {
      ByteString id = id(taskId, "TASK_ID");
      if (prove.prove) {
        return proven(node, output, prove, Schema.TASKS, id);
      }
      TaskResponse r =
          QueryCommand.withQuery(node, q -> q.task(TaskRequest.newBuilder().setId(id).build()));
      ObjectNode out = ProtoJson.toJson(r.getTask());
      out.put("height", r.getHeight());
      output.print(out);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "contributions",
      mixinStandardHelpOptions = true,
      description = "Every contribution to a task.")
  static final class ContributionsCmd implements Callable<Integer> {
    @Mixin NodeOption node;
    @Mixin OutputOption output;

    @Parameters(paramLabel = "TASK_ID", description = "0x-hex task id.")
    String taskId;

    @Override
    public Integer call() {
      ByteString id = id(taskId, "TASK_ID");
      ContributionsResponse r =
          QueryCommand.withQuery(
              node, q -> q.contributions(ContributionsRequest.newBuilder().setTaskId(id).build()));
      ObjectNode out = OutputOption.object();
      ArrayNode list = out.putArray("contributions");
      for (WorkerContributionView c : r.getContributionsList()) {
        ObjectNode item = ProtoJson.toJson(c.getContribution());
        item.put("worker", "0x" + HexFormat.of().formatHex(c.getWorker().toByteArray()));
        list.add(item);
      }
      out.put("height", r.getHeight());
      output.print(out);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "worker",
      mixinStandardHelpOptions = true,
      description = "A worker's credibility score and blacklist end (block time, seconds).")
  static final class WorkerCmd implements Callable<Integer> {
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
        ProvenValue score =
            ProvenValue.fetch(node, Schema.WORKER_SCORES.key(address.bytes()), 0, prove.rpc);
        ProvenValue blacklist =
            ProvenValue.fetch(
                node, Schema.BLACKLIST.key(address.bytes()), score.height(), prove.rpc);
        ObjectNode out = OutputOption.object();
        out.put("address", address.toHex());
        out.put("score", Long.toString(score.decode(Schema.WORKER_SCORES).orElse(0L)));
        out.put("blacklisted_until", Long.toString(blacklist.decode(Schema.BLACKLIST).orElse(0L)));
        out.set("blacklist_proof", blacklist.json());
        int exit = score.print(output, out);
        return blacklist.check() ? exit : ExitCodes.FAILURE;
      }
      WorkerResponse r =
          QueryCommand.withQuery(
              node, q -> q.worker(WorkerRequest.newBuilder().setAddress(address.bytes()).build()));
      ObjectNode out = OutputOption.object();
      out.put("address", address.toHex());
      out.put("score", Long.toString(r.getScore()));
      out.put("blacklisted_until", Long.toString(r.getBlacklistedUntil()));
      out.put("height", r.getHeight());
      output.print(out);
      return ExitCodes.OK;
    }
  }
}
