package io.poco.testnet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code make bench}, targets.md P1 and P2: the same 4-validator loopback network and the same load
 * driver run twice in one invocation, first with CometBFT's {@code kvstore} example over the ABCI
 * socket (transactions as large as a contribution batch), then with pocod under the PoCo workload
 * (batches of 16 contributions, reveals, finalizes). Prints one JSON line per figure and writes
 * them to {@code target/bench/network.jsonl}. {@code BENCH_SECONDS} (default 30) and {@code
 * BENCH_LANES} (default 32) set the load; {@code BENCH_KEEP=true} keeps both networks' directories
 * (configs, logs) for inspection.
 */
public final class Bench {

  private Bench() {}

  public static void main(String[] args) throws Exception {
    int seconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_SECONDS", "30"));
    int lanes = Integer.parseInt(System.getenv().getOrDefault("BENCH_LANES", "32"));
    String root = System.getProperty("poco.root", ".");
    Path out = Path.of(root, "target", "bench");
    Files.createDirectories(out);
    Path work = Files.createTempDirectory("poco-bench");
    String chain = "poco-bench";
    PocoWorkload poco = PocoWorkload.honest(chain);
    int txSize = poco.sampleContributionBatch().length;
    LoadDriver.Settings settings = LoadDriver.Settings.closedLoop(Duration.ofSeconds(seconds));

    boolean keep = Boolean.parseBoolean(System.getenv().getOrDefault("BENCH_KEEP", "false"));
    LoadReport kv;
    LocalNetwork.Options kvOptions =
        LocalNetwork.Options.defaults()
            .withKind(AppKind.KVSTORE)
            .withAccounts(0)
            .keepingDirectory(keep);
    try (LocalNetwork net = LocalNetwork.create(work.resolve("kvstore"), kvOptions)) {
      net.start();
      net.awaitHeight(2, Duration.ofSeconds(120));
      try (CommitTracker tracker = new CommitTracker(net)) {
        kv =
            new LoadDriver(net, tracker).run(KvWorkload.lanes(lanes, txSize, net.size()), settings);
      }
      net.checkAgreement();
    }
    System.err.println("[bench] kvstore: " + kv.summary());

    LoadReport pocod;
    LocalNetwork.Options pocoOptions =
        LocalNetwork.Options.defaults()
            .withAccounts(PocoWorkload.accountsNeeded(lanes))
            .withChainId(chain)
            .keepingDirectory(keep);
    try (LocalNetwork net = LocalNetwork.create(work.resolve("pocod"), pocoOptions)) {
      net.start();
      net.awaitHeight(2, Duration.ofSeconds(120));
      try (CommitTracker tracker = new CommitTracker(net)) {
        LoadDriver driver = new LoadDriver(net, tracker);
        List<PocoWorkload.PocoLane> pocoLanes = poco.setUp(driver, lanes, net.size());
        pocod = driver.run(pocoLanes, settings);
      }
      net.checkAgreement();
    }
    System.err.println("[bench] pocod:   " + pocod.summary());

    String when = Instant.now().toString();
    int cores = Runtime.getRuntime().availableProcessors();
    String common =
        String.format(
            Locale.ROOT,
            "\"validators\":4,\"timeout_commit\":\"500ms\",\"lanes\":%d,\"seconds\":%d,"
                + "\"tx_bytes\":%d,\"cores\":%d,\"date\":\"%s\"",
            lanes,
            seconds,
            txSize,
            cores,
            when);
    List<String> lines = new ArrayList<>();
    for (var e : List.of(java.util.Map.entry("kvstore", kv), java.util.Map.entry("pocod", pocod))) {
      LoadReport r = e.getValue();
      lines.add(line("p1_" + e.getKey() + "_tx_per_s", r.txPerSecond(), "tx/s", common));
      lines.add(
          line(
              "p1_" + e.getKey() + "_contributions_per_s",
              r.contributionsPerSecond(),
              "contributions/s",
              common));
      lines.add(line("p2_" + e.getKey() + "_latency_p50", r.latencyP50(), "ms", common));
      lines.add(
          line(
              "p2_" + e.getKey() + "_latency_p99",
              r.latencyP99(),
              "ms",
              common + ",\"target\":\"<= 2000\""));
    }
    double ratio = kv.txPerSecond() > 0 ? pocod.txPerSecond() / kv.txPerSecond() : 0;
    lines.add(
        line("p1_ratio_pocod_over_kvstore", ratio, "ratio", common + ",\"target\":\">= 0.8\""));
    lines.forEach(System.out::println);
    Files.write(out.resolve("network.jsonl"), lines);
    System.err.println("[bench] results in " + out.resolve("network.jsonl"));
    if (keep) {
      System.err.println("[bench] networks kept in " + work);
    } else {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static String line(String name, double value, String unit, String extra) {
    return String.format(
        Locale.ROOT,
        "{\"name\":\"%s\",\"value\":%.2f,\"unit\":\"%s\",%s}",
        name,
        value,
        unit,
        extra);
  }
}
