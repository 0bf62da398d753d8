package io.poco.testnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows the committed blocks of a {@link LocalNetwork} (asking whichever node answers) and
 * completes the future of every expected transaction when it appears in a block, with its result
 * from {@code block_results} and its Broadcast-to-commit latency, which goes into a {@link
 * LatencyRecorder}. Every transaction it saw committed is kept: the acknowledged set.
 */
public final class CommitTracker implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Pending(long sentNanos, CompletableFuture<Committed> future) {}

  private final LocalNetwork net;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final List<Committed> acknowledged = new ArrayList<>();
  private final LatencyRecorder latency = new LatencyRecorder();
  private final Thread poller;
  private volatile boolean running = true;
  private volatile long nextHeight;

  public CommitTracker(LocalNetwork net) {
    this.net = net;
    this.nextHeight = Math.max(1, net.maxHeight() + 1);
    this.poller = Thread.ofPlatform().daemon().name("commit-tracker").start(this::poll);
  }

  /**
   * Registers a transaction before its first broadcast; the same hash registered again keeps the
   * first send time and future (a re-broadcast).
   */
  public CompletableFuture<Committed> expect(String hash) {
    long now = System.nanoTime();
    return pending.computeIfAbsent(hash, h -> new Pending(now, new CompletableFuture<>())).future();
  }

  public LatencyRecorder latency() {
    return latency;
  }

  /** Every expected transaction seen committed so far, in commit order. */
  public synchronized List<Committed> acknowledged() {
    return List.copyOf(acknowledged);
  }

  /** The next height the tracker will read. */
  public long nextHeight() {
    return nextHeight;
  }

  /** Waits until the tracker has read every block up to {@code height}. */
  public void awaitRead(long height, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (nextHeight <= height) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("tracker did not read height " + height + " in " + timeout);
      }
      LocalNode.sleep(50);
    }
  }

  private void poll() {
    while (running) {
      int best = -1;
      long top = -1;
      for (LocalNode n : net.nodes()) {
        long h = n.height();
        if (h > top) {
          top = h;
          best = n.index();
        }
      }
      boolean progressed = false;
      try {
        while (running && best >= 0 && nextHeight <= top) {
          read(best, nextHeight);
          nextHeight++;
          progressed = true;
        }
      } catch (IOException | RuntimeException nodeDown) {
        // asked again next round, maybe from another node
      }
      if (!progressed) {
        try {
          Thread.sleep(40);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void read(int node, long height) throws IOException {
    BlockRecord block = net.block(node, height);
    long seenAt = System.nanoTime();
    if (block.txHashes().stream().noneMatch(pending::containsKey)) {
      return;
    }
    JsonNode results =
        net.node(node)
            .rpc()
            .call(
                "block_results",
                JSON.createObjectNode().put("height", Long.toString(height)),
                Duration.ofSeconds(10))
            .path("txs_results");
    for (int k = 0; k < block.txHashes().size(); k++) {
      String hash = block.txHashes().get(k);
      Pending p = pending.remove(hash);
      if (p == null) {
        continue;
      }
      JsonNode r = results.path(k);
      long millis = (seenAt - p.sentNanos()) / 1_000_000;
      Committed c =
          new Committed(
              hash,
              height,
              r.path("code").asInt(0),
              r.path("log").asText(""),
              r.path("events"),
              millis);
      latency.record(millis);
      synchronized (this) {
        acknowledged.add(c);
      }
      p.future().complete(c);
    }
  }

  @Override
  public void close() {
    running = false;
    poller.interrupt();
    try {
      poller.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
