package io.poco.testnet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * {@code make demo}: a local network of 4 validators on loopback, a workload of transfers and PoCo
 * deals run by simulated workerpools for {@code DEMO_SECONDS} (default 30), progress lines every
 * five seconds and a summary (throughput, contributions, latency, agreement of every node at every
 * height); then everything is stopped and the temporary homes removed.
 */
public final class Demo {

  private static final int POOLS = 4;
  private static final int SENDERS = 8;

  private Demo() {}

  public static void main(String[] args) throws Exception {
    long seconds = Long.parseLong(System.getenv().getOrDefault("DEMO_SECONDS", "30"));
    Path dir = Files.createTempDirectory("poco-demo");
    int first = PocoWorkload.accountsNeeded(POOLS);
    LocalNetwork.Options options = LocalNetwork.Options.defaults().withAccounts(first + SENDERS);
    int status;
    try (LocalNetwork net = LocalNetwork.create(dir.resolve("net"), options)) {
      say("starting %d validators (pocod + CometBFT each) in %s", net.size(), dir);
      net.start();
      net.awaitHeight(2, Duration.ofSeconds(120));
      say("chain is live: heights %s", Arrays.toString(net.heights()));
      try (CommitTracker tracker = new CommitTracker(net)) {
        status = run(net, tracker, options.chainId(), first, seconds);
      }
    }
    Files.deleteIfExists(dir);
    System.exit(status);
  }

  private static int run(
      LocalNetwork net, CommitTracker tracker, String chain, int first, long seconds)
      throws Exception {
    LoadDriver driver = new LoadDriver(net, tracker);
    say("registering an app and %d workerpools, matching one deal each", POOLS);
    List<PocoWorkload.PocoLane> pools = PocoWorkload.honest(chain).setUp(driver, POOLS, net.size());
    List<Lane> lanes = new ArrayList<>(pools);
    lanes.addAll(TransferWorkload.lanes(chain, first, SENDERS, net.size()));
    long startHeight = net.maxHeight();
    say(
        "running %d workerpools (batches of 16 contributions) and %d transfer senders for %d s",
        POOLS, SENDERS, seconds);
    long t0 = System.nanoTime();
    CompletableFuture<LoadReport> load =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return driver.run(
                    lanes, LoadDriver.Settings.closedLoop(Duration.ofSeconds(seconds)));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    while (!load.isDone()) {
      Thread.sleep(5_000);
      if (load.isDone()) {
        break;
      }
      long tasks = pools.stream().mapToLong(PocoWorkload.PocoLane::tasksFinalized).sum();
      say(
          "t=%3.0fs heights %s, %d transactions committed, %d tasks finalized, p50 %d ms",
          (System.nanoTime() - t0) / 1e9,
          Arrays.toString(net.heights()),
          tracker.acknowledged().size(),
          tasks,
          tracker.latency().percentile(50));
    }
    LoadReport r = load.get();
    net.awaitHeight(tracker.nextHeight(), Duration.ofSeconds(60));
    LocalNetwork.Agreement agreement = net.checkAgreement();
    long tasks = pools.stream().mapToLong(PocoWorkload.PocoLane::tasksFinalized).sum();
    BlockRecord last = net.block(0, agreement.heights());
    System.out.println();
    System.out.println("==== demo summary ====");
    System.out.printf(
        "validators           %d (CometBFT v0.38.25, timeout_commit 500ms)%n", net.size());
    System.out.printf(
        "blocks during load   %d (heights %d..%d)%n",
        agreement.heights() - startHeight, startHeight, agreement.heights());
    System.out.printf(
        "transactions         %d committed ok, %d with an error%n",
        r.committedOk(), r.committedFailed());
    System.out.printf(
        "PoCo                 %d contributions accepted, %d tasks finalized%n",
        r.contributions(), tasks);
    System.out.printf(
        Locale.ROOT,
        "throughput           %.1f tx/s, %.1f contributions/s%n",
        r.txPerSecond(),
        r.contributionsPerSecond());
    System.out.printf(
        "latency p50 / p99    %d ms / %d ms (Broadcast to commit)%n",
        r.latencyP50(), r.latencyP99());
    System.out.printf(
        "agreement            %d nodes, same block and app hash at heights 1..%d%n",
        agreement.nodes(), agreement.heights());
    System.out.printf("app hash at %d       %s%n", agreement.heights(), last.appHash());
    return r.committedOk() > 0 && r.committedFailed() == 0 ? 0 : 1;
  }

  private static void say(String format, Object... args) {
    System.out.printf("[demo] " + format + "%n", args);
  }
}
