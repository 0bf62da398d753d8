package io.poco.testnet;

import io.poco.core.crypto.Secp256k1;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link ExecutionBench} at each state size given (comma-separated task counts, default
 * 10000,10000000) and {@link RecoveryBench}, and prints one JSON line per figure: the time of a 1
 * 000-contribution block and contributions/s at each size, the raw recovery rate, P3's ratio of the
 * signatures a block recovers per second to the two-core recovery rate, and P4's ratio of the
 * largest size's throughput to the smallest's.
 */
public final class ExecutionBenchReport {

  /**
   * Signatures recovered per benchmark transaction: the transaction's, the contribution's and the
   * scheduler's authorization. A block that did nothing but recover them, on both cores, would
   * reach a third of the two-core recovery rate in contributions/s: P3 compares per signature.
   */
  private static final int SIGNATURES_PER_TX = 3;

  private ExecutionBenchReport() {}

  public static void main(String[] args) throws RunnerException {
    String sizes = args.length > 0 ? args[0] : "10000,10000000";
    String benchDir = System.getProperty("bench.dir", System.getProperty("java.io.tmpdir"));
    Options options =
        new OptionsBuilder()
            .include(ExecutionBench.class.getName())
            .include(RecoveryBench.class.getName())
            .param("tasks", sizes.split(","))
            .jvmArgsAppend(
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-Dbench.dir=" + benchDir)
            .verbosity(VerboseMode.SILENT)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    TreeMap<Integer, Double> perSecond = new TreeMap<>();
    double recoveryMicros = Double.NaN;
    int txs = 0;
    List<String> lines = new ArrayList<>();
    for (RunResult r : results) {
      String method = r.getParams().getBenchmark();
      double score = r.getPrimaryResult().getScore();
      if (method.endsWith("RecoveryBench.recover")) {
        recoveryMicros = score;
        continue;
      }
      int tasks = Integer.parseInt(r.getParams().getParam("tasks"));
      txs = Integer.parseInt(r.getParams().getParam("txsPerBlock"));
      double rate = txs / (score / 1000);
      perSecond.put(tasks, rate);
      Statistics blocks = r.getPrimaryResult().getStatistics();
      lines.add(
          String.format(
              Locale.ROOT,
              "{\"name\":\"p3_block_time\",\"tasks_in_state\":%d,\"txs\":%d,\"value\":%.1f,"
                  + "\"unit\":\"ms/block\",\"min\":%.1f,\"max\":%.1f,\"blocks\":%d,"
                  + "\"warmup_blocks\":%d}",
              tasks,
              txs,
              score,
              blocks.getMin(),
              blocks.getMax(),
              blocks.getN(),
              ExecutionBench.WARMUP_BLOCKS));
      lines.add(
          String.format(
              Locale.ROOT,
              "{\"name\":\"p3_contributions_per_s\",\"tasks_in_state\":%d,\"value\":%.1f,"
                  + "\"unit\":\"contributions/s\",\"signatures_per_tx\":%d}",
              tasks,
              rate,
              SIGNATURES_PER_TX));
    }
    int expected = sizes.split(",").length;
    if (perSecond.size() != expected || Double.isNaN(recoveryMicros)) {
      System.err.println(
          "error: "
              + perSecond.size()
              + " of "
              + expected
              + " state sizes and "
              + (Double.isNaN(recoveryMicros) ? "no" : "the")
              + " recovery rate measured; a benchmark failed (its error is above)");
      System.exit(1);
    }
    double recoveries = 1e6 / recoveryMicros;
    lines.add(
        String.format(
            Locale.ROOT,
            "{\"name\":\"p3_raw_recoveries_per_s\",\"value\":%.1f,\"unit\":\"recoveries/s\","
                + "\"threads\":1,\"implementation\":\"%s\"}",
            recoveries,
            Secp256k1.recoveryImplementation().replace("\"", "'")));
    if (!perSecond.isEmpty()) {
      double twoCores = 2 * recoveries;
      double contributions = perSecond.firstEntry().getValue();
      lines.add(
          String.format(
              Locale.ROOT,
              "{\"name\":\"p3_ratio_contributions_over_2_core_recoveries\",\"tasks_in_state\":%d,"
                  + "\"value\":%.3f,\"unit\":\"ratio\",\"signatures_per_tx\":%d,"
                  + "\"ceiling\":%.3f}",
              perSecond.firstKey(),
              contributions / twoCores,
              SIGNATURES_PER_TX,
              1.0 / SIGNATURES_PER_TX));
      lines.add(
          String.format(
              Locale.ROOT,
              "{\"name\":\"p3_ratio\",\"tasks_in_state\":%d,\"value\":%.3f,\"unit\":\"ratio\","
                  + "\"per\":\"signature\",\"target\":\">= 0.5\"}",
              perSecond.firstKey(),
              SIGNATURES_PER_TX * contributions / twoCores));
    }
    if (perSecond.size() > 1) {
      lines.add(
          String.format(
              Locale.ROOT,
              "{\"name\":\"p4_ratio\",\"value\":%.3f,\"unit\":\"ratio\",\"small\":%d,\"large\":%d,"
                  + "\"target\":\">= 0.7\"}",
              perSecond.lastEntry().getValue() / perSecond.firstEntry().getValue(),
              perSecond.firstKey(),
              perSecond.lastKey()));
    }
    lines.forEach(System.out::println);
  }
}
