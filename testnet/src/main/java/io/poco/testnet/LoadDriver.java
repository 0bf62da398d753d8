package io.poco.testnet;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs lanes against a {@link LocalNetwork} through CometBFT's RPC ({@code broadcast_tx_sync}), the
 * same way for every application. Closed loop: each lane waits for its transaction's commit before
 * sending the next, re-broadcasting it (same bytes, same hash) when it is not committed within
 * {@link Settings#resendAfter()} or its node stopped answering (then it moves to the next node).
 * Open loop: lanes send without waiting and commits are collected at the end. A rate (transactions
 * per second over all lanes, 0 = as fast as possible) paces both.
 */
public final class LoadDriver {

  /** How a phase runs. */
  public record Settings(
      Duration duration, double ratePerSecond, boolean closedLoop, Duration resendAfter) {

    public static Settings closedLoop(Duration duration) {
      return new Settings(duration, 0, true, Duration.ofSeconds(10));
    }

    public static Settings openLoop(Duration duration, double ratePerSecond) {
      return new Settings(duration, ratePerSecond, false, Duration.ofSeconds(10));
    }

    public Settings withRate(double perSecond) {
      return new Settings(duration, perSecond, closedLoop, resendAfter);
    }
  }

  private static final Duration DRAIN = Duration.ofSeconds(30);

  private final LocalNetwork net;
  private final CommitTracker tracker;
  private final java.util.Map<Lane, Integer> nodeOf =
      new java.util.concurrent.ConcurrentHashMap<>();

  public LoadDriver(LocalNetwork net, CommitTracker tracker) {
    this.net = net;
    this.tracker = tracker;
  }

  /** Sends one transaction and waits for its commit (set-up steps); fails after {@code timeout}. */
  public Committed submitAndWait(int node, byte[] tx, Duration timeout) {
    String hash = LocalNetwork.txHash(tx);
    CompletableFuture<Committed> f = tracker.expect(hash);
    long deadline = System.nanoTime() + timeout.toNanos();
    int n = node;
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        JsonNode r = net.node(n).rpc().broadcastTxSync(tx);
        if (r.path("code").asInt(0) != 0) {
          last = r.path("log").asText();
        }
      } catch (IOException e) {
        if (!String.valueOf(e.getMessage()).contains("already exists in cache")) {
          last = e.getMessage();
          n = (n + 1) % net.size();
        }
      }
      try {
        return f.get(2, TimeUnit.SECONDS);
      } catch (TimeoutException notYet) {
        // send again
      } catch (InterruptedException | ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("not committed within " + timeout + ": " + last);
  }

  /** Runs one phase of every lane; returns what it achieved. */
  public LoadReport run(List<? extends Lane> lanes, Settings settings) throws InterruptedException {
    AtomicLong submitted = new AtomicLong();
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    AtomicLong contributions = new AtomicLong();
    LatencyRecorder latency = new LatencyRecorder();
    List<Committed> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    long deadline = start + settings.duration().toNanos();
    long intervalNanos = settings.ratePerSecond() > 0 ? (long) (1e9 / settings.ratePerSecond()) : 0;
    AtomicLong nextSlot = new AtomicLong(start);
    List<Thread> threads = new ArrayList<>();
    List<CompletableFuture<?>> open = java.util.Collections.synchronizedList(new ArrayList<>());
    for (Lane lane : lanes) {
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    int node = nodeOf.getOrDefault(lane, lane.node() % net.size());
                    while (System.nanoTime() < deadline) {
                      Submission s = lane.next();
                      if (s == null) {
                        return;
                      }
                      if (intervalNanos > 0) {
                        long slot = nextSlot.getAndAdd(intervalNanos);
                        long wait = slot - System.nanoTime();
                        if (wait > 0) {
                          LocalNode.sleep(wait / 1_000_000);
                        }
                      }
                      String hash = LocalNetwork.txHash(s.tx());
                      CompletableFuture<Committed> f = tracker.expect(hash);
                      submitted.incrementAndGet();
                      if (!settings.closedLoop()) {
                        node = broadcast(node, s.tx(), refused);
                        open.add(
                            f.thenAccept(
                                c ->
                                    account(
                                        lane,
                                        s,
                                        c,
                                        ok,
                                        failed,
                                        contributions,
                                        latency,
                                        acknowledged)));
                        continue;
                      }
                      Committed c = null;
                      while (c == null && System.nanoTime() < deadline + DRAIN.toNanos()) {
                        int before = node;
                        node = broadcast(node, s.tx(), refused);
                        if (node != before) {
                          nodeOf.put(lane, node);
                          LocalNode.sleep(200);
                          continue;
                        }
                        try {
                          c = f.get(settings.resendAfter().toMillis(), TimeUnit.MILLISECONDS);
                        } catch (TimeoutException resend) {
                          // not committed yet: broadcast the same bytes again
                        } catch (ExecutionException e) {
                          throw new IllegalStateException(e);
                        } catch (InterruptedException e) {
                          return;
                        }
                      }
                      if (c == null) {
                        return;
                      }
                      account(lane, s, c, ok, failed, contributions, latency, acknowledged);
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    long drainDeadline = System.nanoTime() + DRAIN.toNanos();
    for (CompletableFuture<?> f : List.copyOf(open)) {
      long left = drainDeadline - System.nanoTime();
      try {
        f.get(Math.max(1, left), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException notCommitted) {
        // not acknowledged: not counted
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new LoadReport(
        submitted.get(),
        ok.get(),
        failed.get(),
        refused.get(),
        contributions.get(),
        seconds,
        latency.percentile(50),
        latency.percentile(99),
        List.copyOf(acknowledged));
  }

  private static void account(
      Lane lane,
      Submission s,
      Committed c,
      AtomicLong ok,
      AtomicLong failed,
      AtomicLong contributions,
      LatencyRecorder latency,
      List<Committed> acknowledged) {
    latency.record(c.latencyMillis());
    acknowledged.add(c);
    (c.ok() ? ok : failed).incrementAndGet();
    contributions.addAndGet(lane.committed(s, c));
  }

  /** Broadcasts to {@code node}; returns the node to use next (the next one if it is down). */
  private int broadcast(int node, byte[] tx, AtomicLong refused) {
    try {
      JsonNode r = net.node(node).rpc().broadcastTxSync(tx);
      if (r.path("code").asInt(0) != 0) {
        refused.incrementAndGet();
        LocalNode.sleep(100);
      }
      return node;
    } catch (IOException e) {
      if (String.valueOf(e.getMessage()).contains("already exists in cache")) {
        return node;
      }
      return (node + 1) % net.size();
    }
  }
}
