package io.poco.testnet;

import java.time.Duration;
import java.util.Locale;

/**
 * targets.md P6: stops one validator while the others commit a number of blocks, restarts it and
 * times its catch-up: from the restart (process start included) and from its first new height
 * (replay only) to the height the others had at the restart.
 */
public final class CatchUp {

  private CatchUp() {}

  /**
   * {@code make bench}, P6: a 4-validator pocod network committing empty blocks quickly ({@code
   * timeout_commit} 20 ms, so that 1 000 blocks pass in about a minute); node 3 is stopped for
   * {@code BENCH_CATCHUP_BLOCKS} blocks (default 1 000, as targets.md names). The three others are
   * then restarted at the pace the product configures ({@code timeout_commit} 500 ms, the P2
   * setting) and node 3 rejoins: its replay is timed against a network running as it would, not one
   * racing through 30 blocks a second on the same two cores. Prints one JSON line and writes it to
   * {@code target/bench/catchup.jsonl}.
   */
  public static void main(String[] args) throws Exception {
    int blocks = Integer.parseInt(System.getenv().getOrDefault("BENCH_CATCHUP_BLOCKS", "1000"));
    java.nio.file.Path out =
        java.nio.file.Path.of(System.getProperty("poco.root", "."), "target", "bench");
    java.nio.file.Files.createDirectories(out);
    java.nio.file.Path work = java.nio.file.Files.createTempDirectory("poco-catchup");
    LocalNetwork.Options options = LocalNetwork.Options.defaults().withTimeoutCommit("20ms");
    Result r;
    try (LocalNetwork net = LocalNetwork.create(work.resolve("net"), options)) {
      shortRounds(net);
      net.start();
      net.awaitHeight(3, Duration.ofSeconds(120));
      r = measure(net, 3, blocks, Duration.ofSeconds(120L + blocks), () -> pace(net, 3, "500ms"));
      net.checkAgreement();
    } finally {
      java.nio.file.Files.deleteIfExists(work);
    }
    String json = r.json().replaceFirst("}$", ",\"others_timeout_commit\":\"500ms\"}");
    System.out.println(json);
    java.nio.file.Files.writeString(
        out.resolve("catchup.jsonl"), json + "\n", java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The figures of one catch-up. */
  public record Result(
      long behind, double secondsFromRestart, double secondsReplaying, long stoppedAt) {

    public double blocksPerSecond() {
      return secondsReplaying > 0 ? behind / secondsReplaying : 0;
    }

    public String json() {
      return String.format(
          Locale.ROOT,
          "{\"name\":\"p6_catchup_replay\",\"value\":%.1f,\"unit\":\"blocks/s\",\"blocks\":%d,"
              + "\"seconds_replaying\":%.2f,\"seconds_from_restart\":%.2f,"
              + "\"blocks_per_s_from_restart\":%.1f,\"target\":\">= 200\"}",
          blocksPerSecond(),
          behind,
          secondsReplaying,
          secondsFromRestart,
          secondsFromRestart > 0 ? behind / secondsFromRestart : 0);
    }
  }

  /**
   * While a validator is stopped, every round it should propose waits {@code timeout_propose} (3 s
   * by default) and a precommit timeout: one block in four then takes about 4 s and 1 000 blocks
   * over 15 minutes. On loopback a proposal arrives in milliseconds, so the measured network gives
   * up on a missing proposer after 200 ms. This changes how fast the others produce the blocks to
   * replay, not the replay being measured.
   */
  public static void shortRounds(LocalNetwork net) throws java.io.IOException {
    for (LocalNode n : net.nodes()) {
      java.nio.file.Path config = n.home().cometConfig();
      String t = java.nio.file.Files.readString(config);
      t = io.poco.node.config.Toml.set(t, "consensus", "timeout_propose", "\"200ms\"");
      t = io.poco.node.config.Toml.set(t, "consensus", "timeout_prevote", "\"100ms\"");
      t = io.poco.node.config.Toml.set(t, "consensus", "timeout_precommit", "\"100ms\"");
      java.nio.file.Files.writeString(config, t);
    }
  }

  /**
   * Restarts every node but {@code except} with {@code timeoutCommit}, and waits until they commit
   * again.
   */
  static void pace(LocalNetwork net, int except, String timeoutCommit) {
    try {
      long before = -1;
      for (LocalNode n : net.nodes()) {
        if (n.index() == except) {
          continue;
        }
        before = Math.max(before, n.height());
        n.stop();
        java.nio.file.Path config = n.home().cometConfig();
        String t = java.nio.file.Files.readString(config);
        t =
            io.poco.node.config.Toml.set(
                t, "consensus", "timeout_commit", "\"" + timeoutCommit + "\"");
        java.nio.file.Files.writeString(config, t);
      }
      for (LocalNode n : net.nodes()) {
        if (n.index() != except) {
          n.start();
        }
      }
      net.awaitHeight(before + 2, Duration.ofSeconds(120), except == 0 ? 1 : 0);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Stops node {@code index}, lets the others commit {@code blocks}, restarts it, times it. */
  public static Result measure(LocalNetwork net, int index, int blocks, Duration timeout)
      throws java.io.IOException {
    return measure(net, index, blocks, timeout, () -> {});
  }

  /**
   * Like {@link #measure(LocalNetwork, int, int, Duration)}, running {@code beforeRestart} once the
   * others have committed the blocks and before node {@code index} restarts.
   */
  public static Result measure(
      LocalNetwork net, int index, int blocks, Duration timeout, Runnable beforeRestart)
      throws java.io.IOException {
    LocalNode node = net.node(index);
    node.stop();
    int other = index == 0 ? 1 : 0;
    long stoppedAt = net.node(other).height();
    net.awaitHeight(stoppedAt + blocks, timeout, other);
    beforeRestart.run();
    long target = net.node(other).height();
    long restart = System.nanoTime();
    node.start();
    long first = -1;
    long deadline = restart + timeout.toNanos();
    long h;
    while ((h = node.height()) < target) {
      if (first < 0 && h > stoppedAt) {
        first = System.nanoTime();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "node" + index + " at " + h + " did not reach " + target + " within " + timeout);
      }
      LocalNode.sleep(20);
    }
    long done = System.nanoTime();
    if (first < 0) {
      first = done;
    }
    long behind = target - stoppedAt;
    return new Result(behind, (done - restart) / 1e9, (done - first) / 1e9, stoppedAt);
  }
}
