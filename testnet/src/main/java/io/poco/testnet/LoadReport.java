package io.poco.testnet;

import java.util.List;
import java.util.Locale;

/**
 * What one load phase achieved: transactions submitted, committed with code 0, committed with an
 * error code, refusals by CheckTx (retried), contributions accepted, the phase's duration and the
 * Broadcast-to-commit latencies; {@code acknowledged} lists every transaction seen committed.
 */
public record LoadReport(
    long submitted,
    long committedOk,
    long committedFailed,
    long refused,
    long contributions,
    double seconds,
    long latencyP50,
    long latencyP99,
    List<Committed> acknowledged) {

  public double txPerSecond() {
    return seconds > 0 ? (committedOk + committedFailed) / seconds : 0;
  }

  public double contributionsPerSecond() {
    return seconds > 0 ? contributions / seconds : 0;
  }

  public String summary() {
    return String.format(
        Locale.ROOT,
        "%d submitted, %d committed ok, %d committed with an error, %d CheckTx refusals,"
            + " %d contributions in %.1f s: %.1f tx/s, %.1f contributions/s, p50 %d ms, p99 %d ms",
        submitted,
        committedOk,
        committedFailed,
        refused,
        contributions,
        seconds,
        txPerSecond(),
        contributionsPerSecond(),
        latencyP50,
        latencyP99);
  }
}
