package io.poco.consensus.app;

import io.poco.core.exec.ChainEvent;
import io.poco.core.exec.ExecutionResult;
import io.poco.core.tx.TxCode;
import io.poco.proto.abci.Event;
import io.poco.proto.abci.EventAttribute;
import io.poco.proto.abci.ExecTxResult;
import java.util.List;

/** Maps the state machine's results and events onto their ABCI messages. */
final class AbciEvents {

  private AbciEvents() {}

  static Event toAbci(ChainEvent event) {
    Event.Builder b = Event.newBuilder().setType(event.type());
    for (ChainEvent.Attribute a : event.attributes()) {
      b.addAttributes(
          EventAttribute.newBuilder().setKey(a.key()).setValue(a.value()).setIndex(true));
    }
    return b.build();
  }

  static List<Event> toAbci(List<ChainEvent> events) {
    return events.stream().map(AbciEvents::toAbci).toList();
  }

  static ExecTxResult toExecTxResult(ExecutionResult result) {
    ExecTxResult.Builder b =
        ExecTxResult.newBuilder()
            .setCode(result.outcome().code().code())
            .setLog(result.outcome().log())
            .addAllEvents(toAbci(result.events()));
    if (!result.outcome().isOk()) {
      b.setCodespace(TxCode.CODESPACE);
    }
    return b.build();
  }
}
