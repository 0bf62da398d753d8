package io.poco.core.market;

import com.google.protobuf.ByteString;
import io.poco.core.exec.Schema;
import io.poco.state.StateUpdater;
import java.util.ArrayList;
import java.util.List;

/**
 * The remaining volumes of the orders being matched: the deal's volume is their minimum, and
 * consuming adds it to every order, so no order is ever consumed past its volume.
 */
final class Volumes {

  private record Entry(String what, ByteString hash, long consumed) {}

  private final StateUpdater state;
  private final List<Entry> entries = new ArrayList<>();
  private long volume = Long.MAX_VALUE;
  private String exhausted = "";

  Volumes(StateUpdater state) {
    this.state = state;
  }

  long consumed(ByteString hash) {
    return Schema.CONSUMED.get(state, hash).orElse(0L);
  }

  void add(String what, ByteString hash, long orderVolume) {
    long consumed = consumed(hash);
    long remaining = consumed >= orderVolume ? 0 : orderVolume - consumed;
    entries.add(new Entry(what, hash, consumed));
    if (remaining < volume) {
      volume = remaining;
      exhausted = what;
    }
  }

  long volume() {
    return volume;
  }

  String exhausted() {
    return exhausted;
  }

  void consume() {
    for (Entry e : entries) {
      Schema.CONSUMED.put(state, e.hash(), Math.addExact(e.consumed(), volume));
    }
  }
}
