package io.poco.core.exec;

import io.poco.core.crypto.Address;
import io.poco.state.StateUpdater;
import java.util.List;

/** What a message handler executes against: staged state, the block, the signer, an event sink. */
public record MsgContext(
    StateUpdater state, BlockContext block, Address sender, List<ChainEvent> events) {

  public void emit(ChainEvent event) {
    events.add(event);
  }
}
