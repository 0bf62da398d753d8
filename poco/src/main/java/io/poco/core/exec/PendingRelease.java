package io.poco.core.exec;

import com.google.protobuf.ByteString;
import io.poco.core.economics.PendingSettlement;
import io.poco.core.ids.PocoIds;
import io.poco.core.task.TaskKeeper;
import io.poco.proto.v1.PendingEntry;
import io.poco.state.StateUpdater;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The begin-block step: releases due pending entries and reports them as events. */
final class PendingRelease {

  private PendingRelease() {}

  static List<ChainEvent> run(StateUpdater state, BlockContext block) {
    PendingSettlement.Release release = PendingSettlement.releaseDue(state, block.timeSeconds());
    List<ChainEvent> events = new ArrayList<>();
    for (PendingEntry e : release.credited()) {
      events.add(
          ChainEvent.of("release")
              .attr("task", PocoIds.hex(e.getTaskId()))
              .attr("recipient", new io.poco.core.crypto.Address(e.getBeneficiary()).toHex())
              .attr("amount", e.getAmount())
              .attr("kind", e.getKind().toLowerCase(Locale.ROOT))
              .build());
    }
    for (ByteString taskId : release.settledTasks()) {
      TaskKeeper.forgetWins(state, taskId);
      events.add(
          ChainEvent.of("task")
              .attr("id", PocoIds.hex(taskId))
              .attr("action", "settle")
              .attr("status", "SETTLED")
              .build());
    }
    return events;
  }
}
