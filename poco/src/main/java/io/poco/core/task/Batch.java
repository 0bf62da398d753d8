package io.poco.core.task;

import com.google.protobuf.ByteString;
import io.poco.core.exec.ChainEvent;
import io.poco.core.exec.MsgContext;
import io.poco.core.ids.PocoIds;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxOutcome;
import io.poco.state.StateUpdater;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs the items of a batch message one by one, each in its own nested state exactly as if it had
 * been submitted alone. An accepted item keeps its writes and events; a rejected one leaves no
 * write and is reported by a {@code task} event with {@code result=rejected}, its {@code code} and
 * {@code reason}. The message succeeds when at least one item is accepted (then a {@code batch}
 * event counts both); when every item is rejected it fails with the first item's code and a log
 * listing every item's reason, so an all-bad batch changes nothing.
 */
final class Batch {

  /** The most items in one batch message. */
  static final int MAX_ITEMS = 512;

  /** The most rejections spelled out in a failure log. */
  private static final int MAX_LOGGED = 16;

  /** One item: the task and worker it names (for the event) and the operation. */
  record Item(ByteString taskId, String worker, Function<MsgContext, TxOutcome> operation) {}

  private Batch() {}

  static TxOutcome validateSize(String what, int size) {
    if (size == 0) {
      return TxOutcome.fail(TxCode.INVALID_PARAMETER, what + ": the batch is empty");
    }
    if (size > MAX_ITEMS) {
      return TxOutcome.fail(
          TxCode.INVALID_PARAMETER,
          what + ": " + size + " items; the limit is " + MAX_ITEMS + " per message");
    }
    return TxOutcome.OK;
  }

  static TxOutcome run(MsgContext context, String action, List<Item> items) {
    int accepted = 0;
    TxOutcome firstFailure = null;
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      StateUpdater nested = context.state().nested();
      List<ChainEvent> events = new ArrayList<>();
      TxOutcome outcome =
          item.operation().apply(new MsgContext(nested, context.block(), context.sender(), events));
      if (outcome.isOk()) {
        nested.commit();
        events.forEach(context::emit);
        accepted++;
        continue;
      }
      nested.revert();
      if (firstFailure == null) {
        firstFailure = outcome;
      }
      int rejected = i + 1 - accepted;
      if (rejected <= MAX_LOGGED) {
        log.append(log.isEmpty() ? "" : "; ")
            .append("item ")
            .append(i)
            .append(": ")
            .append(outcome.code().name())
            .append(" ")
            .append(outcome.log());
      }
      context.emit(
          ChainEvent.of("task")
              .attr("id", PocoIds.hex(item.taskId()))
              .attr("action", action)
              .attr("worker", item.worker())
              .attr("result", "rejected")
              .attr("item", i)
              .attr("code", outcome.code().name())
              .attr("reason", outcome.log())
              .build());
    }
    if (accepted == 0) {
      int more = items.size() - MAX_LOGGED;
      return TxOutcome.fail(
          firstFailure.code(),
          "every item of the "
              + action
              + " batch was rejected: "
              + log
              + (more > 0 ? "; and " + more + " more" : ""));
    }
    context.emit(
        ChainEvent.of("batch")
            .attr("action", action)
            .attr("accepted", accepted)
            .attr("rejected", items.size() - accepted)
            .build());
    return TxOutcome.OK;
  }
}
