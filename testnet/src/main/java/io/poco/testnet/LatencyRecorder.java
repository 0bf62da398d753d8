package io.poco.testnet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collects Broadcast-to-commit latencies (milliseconds) and reports percentiles. */
public final class LatencyRecorder {

  private final List<Long> millis = new ArrayList<>();

  public synchronized void record(long ms) {
    millis.add(ms);
  }

  public synchronized int count() {
    return millis.size();
  }

  /** The p-th percentile (nearest rank), 0 when empty. */
  public synchronized long percentile(int p) {
    if (millis.isEmpty()) {
      return 0;
    }
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }
}
