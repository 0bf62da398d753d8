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
 * BENCH_LANES} (default 32) set the load, after {@code BENCH_WARMUP_SECONDS} (default 15) of the
 * same load whose figures are discarded; {@code BENCH_KEEP=true} keeps the networks' directories
 * (configs, logs) for inspection.
 *
 * <p>Before pocod's measured network, a training network of the same shape runs the same workload
 * for {@code BENCH_TRAINING_SECONDS} (default 30; 0 skips it) and is stopped cleanly, each of its
 * JVMs writing an ahead-of-time cache ({@code -XX:AOTCacheOutput}, JDK 25): the classes it loaded
 * and linked and the profiles of its hot methods. The measured nodes start from those caches, as a
 * validator restarted with its cache would, so their JIT compilers get to the hot paths in seconds
 * instead of spending the measured phase on them (docs/testnet.md). Nothing in the cache changes
 * what a node computes.
 */
public final class Bench {

  private Bench() {}

  public static void main(String[] args) throws Exception {
    int seconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_SECONDS", "30"));
    int lanes = Integer.parseInt(System.getenv().getOrDefault("BENCH_LANES", "32"));
    int warmup = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP_SECONDS", "15"));
    int training = Integer.parseInt(System.getenv().getOrDefault("BENCH_TRAINING_SECONDS", "30"));
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
        LoadDriver driver = new LoadDriver(net, tracker);
        List<? extends Lane> kvLanes = KvWorkload.lanes(lanes, txSize, net.size());
        warmUp(driver, kvLanes, warmup, "kvstore");
        kv = driver.run(kvLanes, settings);
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
    boolean aot = train(work, pocoOptions, poco, lanes, training);
    if (aot) {
      pocoOptions = pocoOptions.withAppJvmOptions(List.of("-XX:AOTCache=" + aotCache(work)));
    }
    try (LocalNetwork net = LocalNetwork.create(work.resolve("pocod"), pocoOptions)) {
      net.start();
      net.awaitHeight(2, Duration.ofSeconds(120));
      try (CommitTracker tracker = new CommitTracker(net)) {
        LoadDriver driver = new LoadDriver(net, tracker);
        List<PocoWorkload.PocoLane> pocoLanes = poco.setUp(driver, lanes, net.size());
        warmUp(driver, pocoLanes, warmup, "pocod");
        preSign(pocoLanes, seconds);
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
                + "\"warmup_seconds\":%d,\"aot_training_seconds\":%d,\"tx_bytes\":%d,"
                + "\"cores\":%d,\"date\":\"%s\"",
            lanes,
            seconds,
            warmup,
            aot ? training : 0,
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

  /**
   * Runs pocod's workload for {@code seconds} on a network like the measured one whose JVMs record
   * an AOT cache each ({@link #aotCache}), then stops it with SIGTERM so that each writes its cache
   * as it exits. Returns whether every node's cache was written; without one (a JDK before 25, or
   * {@code seconds} 0) the measured nodes start cold, as before.
   */
  private static boolean train(
      Path work, LocalNetwork.Options options, PocoWorkload poco, int lanes, int seconds)
      throws Exception {
    if (seconds <= 0) {
      return false;
    }
    if (Runtime.version().feature() < 25) {
      System.err.println(
          "[bench] pocod: no AOT training (JDK " + Runtime.version().feature() + ", needs 25)");
      return false;
    }
    long start = System.nanoTime();
    LocalNetwork.Options recording =
        options.withAppJvmOptions(List.of("-XX:AOTCacheOutput=" + aotCache(work)));
    try (LocalNetwork net = LocalNetwork.create(work.resolve("pocod-training"), recording)) {
      net.start();
      net.awaitHeight(2, Duration.ofSeconds(120));
      try (CommitTracker tracker = new CommitTracker(net)) {
        LoadDriver driver = new LoadDriver(net, tracker);
        List<PocoWorkload.PocoLane> trainingLanes = poco.setUp(driver, lanes, net.size());
        LoadReport r =
            driver.run(trainingLanes, LoadDriver.Settings.closedLoop(Duration.ofSeconds(seconds)));
        System.err.println("[bench] pocod AOT training (not counted): " + r.summary());
      }
      net.stop();
    }
    long bytes = 0;
    for (int i = 0; i < options.validators(); i++) {
      Path cache = Path.of(aotCache(work).replace("{node}", Integer.toString(i)));
      if (!Files.isRegularFile(cache)) {
        System.err.println("[bench] pocod: node" + i + " wrote no AOT cache; nodes start cold");
        return false;
      }
      bytes += Files.size(cache);
    }
    System.err.printf(
        Locale.ROOT,
        "[bench] pocod: AOT caches written (%d MB in all) in %.1f s (not counted)%n",
        bytes >> 20,
        (System.nanoTime() - start) / 1e9);
    return true;
  }

  /** Node {@code {node}}'s AOT cache, as a JVM option's value. */
  private static String aotCache(Path work) {
    return work.resolve("pocod-{node}.aot").toString();
  }

  /**
   * Runs the same load for {@code seconds} before the measured phase and discards its figures, as
   * JMH discards its warm-up iterations: the JVMs of pocod compile their hot paths (C2 compiles of
   * the Merkle updater, the curve arithmetic, the protobuf parsers take seconds of the 2 cores) and
   * size their heaps in the first seconds of load. Both applications get the same warm-up.
   */
  private static void warmUp(LoadDriver driver, List<? extends Lane> lanes, int seconds, String app)
      throws InterruptedException {
    if (seconds <= 0) {
      return;
    }
    LoadReport r = driver.run(lanes, LoadDriver.Settings.closedLoop(Duration.ofSeconds(seconds)));
    System.err.println("[bench] " + app + " warm-up (not counted): " + r.summary());
  }

  /**
   * Signs ahead every transaction the PoCo lanes can send in {@code seconds}: a closed-loop lane
   * commits at most one transaction per block, and blocks take at least {@code timeout_commit} (500
   * ms), so a group of four transactions takes at least 2 s. Signing is the load generator's work,
   * not the network's: done during the run it took a third of a core of the two (kvstore's
   * key=value transactions cost nothing to make). A lane that runs out builds the rest as it goes.
   */
  private static void preSign(List<PocoWorkload.PocoLane> lanes, int seconds) {
    int groups = seconds / 2 + 2;
    long start = System.nanoTime();
    lanes.parallelStream().forEach(l -> l.prepare(groups));
    System.err.printf(
        Locale.ROOT,
        "[bench] pocod: signed %d transactions ahead in %.1f s (not counted)%n",
        lanes.stream().mapToInt(PocoWorkload.PocoLane::prepared).sum(),
        (System.nanoTime() - start) / 1e9);
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
