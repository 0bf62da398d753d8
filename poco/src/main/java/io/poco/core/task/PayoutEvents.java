package io.poco.core.task;

import com.google.protobuf.ByteString;
import io.poco.core.economics.Payout;
import io.poco.core.economics.PayoutKind;
import io.poco.core.economics.Settlement;
import io.poco.core.exec.ChainEvent;
import io.poco.core.exec.MsgContext;
import io.poco.core.ids.PocoIds;

/** One {@code payout} event per credit of a settlement, so every nRLC moved is visible. */
final class PayoutEvents {

  private PayoutEvents() {}

  static void emit(MsgContext context, ByteString taskId, Settlement settlement) {
    for (Payout p : settlement.payouts()) {
      context.emit(
          ChainEvent.of("payout")
              .attr("task", PocoIds.hex(taskId))
              .attr("recipient", p.kind() == PayoutKind.TO_KITTY ? "kitty" : p.recipient().toHex())
              .attr("amount", p.amount())
              .attr("kind", p.kind().name().toLowerCase(java.util.Locale.ROOT))
              .build());
    }
  }

  /** As {@link #emit}, for a finalize: each credit is pending until {@code release} (§7). */
  static void emitPending(
      MsgContext context, ByteString taskId, Settlement settlement, long release) {
    for (Payout p : settlement.payouts()) {
      boolean kitty = p.kind() == PayoutKind.TO_KITTY;
      ChainEvent.Builder event =
          ChainEvent.of("payout")
              .attr("task", PocoIds.hex(taskId))
              .attr("recipient", kitty ? "kitty" : p.recipient().toHex())
              .attr("amount", p.amount())
              .attr("kind", p.kind().name().toLowerCase(java.util.Locale.ROOT));
      if (!kitty) {
        event.attr("pending_until", release);
      }
      context.emit(event.build());
    }
  }
}
