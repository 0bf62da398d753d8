package io.poco.state.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link StoreBench} and prints one JSON line per figure. Arguments: the state sizes
 * (comma-separated, default 10000). The system property {@code bench.dir} names a directory where
 * each size is filled once for all the benchmarks (see {@link StoreBench}).
 */
public final class StoreBenchReport {

  private StoreBenchReport() {}

  public static void main(String[] args) throws RunnerException {
    String sizes = args.length > 0 ? args[0] : "10000";
    String cache = System.getProperty("bench.dir", "");
    Options options =
        new OptionsBuilder()
            .include(StoreBench.class.getName())
            .param("keys", sizes.split(","))
            .forks(1)
            .warmupIterations(2)
            .warmupTime(TimeValue.seconds(2))
            .measurementIterations(3)
            .measurementTime(TimeValue.seconds(3))
            .jvmArgsAppend(
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-Dbench.dir=" + cache)
            .verbosity(VerboseMode.SILENT)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    long expected =
        sizes.split(",").length
            * Arrays.stream(StoreBench.class.getMethods())
                .filter(m -> m.isAnnotationPresent(Benchmark.class))
                .count();
    for (RunResult r : results) {
      Result<?> primary = r.getPrimaryResult();
      String method = r.getParams().getBenchmark();
      method = method.substring(method.lastIndexOf('.') + 1);
      String name =
          switch (method) {
            case "commitBlock" -> "state.commit_block";
            case "prove" -> "state.prove";
            case "verify" -> "state.verify_proof";
            case "readPresent" -> "state.read_present";
            case "readAbsent" -> "state.read_absent";
            default -> "state." + method;
          };
      System.out.println(
          String.format(
              Locale.ROOT,
              "{\"name\":\"%s\",\"keys\":%s,\"writes_per_block\":%s,\"value\":%.3f,"
                  + "\"error\":%.3f,\"unit\":\"%s\",\"target\":\"P4 (state size)\"}",
              name,
              r.getParams().getParam("keys"),
              r.getParams().getParam("writesPerBlock"),
              primary.getScore(),
              Double.isNaN(primary.getScoreError()) ? 0.0 : primary.getScoreError(),
              primary.getScoreUnit()));
    }
    if (results.size() != expected) {
      System.err.println(
          "error: "
              + results.size()
              + " of "
              + expected
              + " store figures measured; a benchmark failed (its error is above)");
      System.exit(1);
    }
  }
}
