package io.poco.node.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poco.core.crypto.Address;
import io.poco.proto.v1.PendingEntry;
import io.poco.proto.v1.PendingRequest;
import io.poco.proto.v1.PendingResponse;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code poco query pending ADDRESS|KEY}: payouts held by the reversal window (poco.md §7). */
@Command(
    name = "pending",
    mixinStandardHelpOptions = true,
    description =
        "An account's pending payouts (amount, task id, release block time in seconds) and their"
            + " total; they are credited at the first block at or after the release time.")
final class PendingQueryCmd implements Callable<Integer> {
  @Mixin NodeOption node;
  @Mixin OutputOption output;
  @Mixin HomeOption home;

  @Parameters(paramLabel = "ADDRESS|KEY", description = "0x address, or a key name.")
  String who;

  @Override
  public Integer call() {
    Address address = QueryCommand.resolve(home, who);
    PendingResponse r =
        QueryCommand.withQuery(
            node, q -> q.pending(PendingRequest.newBuilder().setAddress(address.bytes()).build()));
    ObjectNode out = OutputOption.object();
    out.put("address", address.toHex());
    out.put("total", Long.toString(r.getTotal()));
    ArrayNode entries = out.putArray("entries");
    for (PendingEntry e : r.getEntriesList()) {
      ObjectNode item = entries.addObject();
      item.put("amount", Long.toString(e.getAmount()));
      item.put("task", "0x" + HexFormat.of().formatHex(e.getTaskId().toByteArray()));
      item.put("release_time", Long.toString(e.getReleaseTime()));
      item.put("kind", e.getKind());
    }
    out.put("height", r.getHeight());
    output.print(out);
    return ExitCodes.OK;
  }
}
