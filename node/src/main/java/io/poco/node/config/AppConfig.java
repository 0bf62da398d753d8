package io.poco.node.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The application's configuration, {@code <home>/config/app.toml}. Every listener defaults to
 * 127.0.0.1 (chain.md R6: nothing listens beyond loopback unless configured).
 */
public record AppConfig(
    String abciAddress,
    String grpcAddress,
    String metricsAddress,
    String cometbftMode,
    String cometbftBinary,
    String cometbftRpc,
    long pruningKeepRecent,
    long pruningKeepEvery,
    boolean pruneBlocks,
    String keyringBackend) {

  /** chain.md §2: the state of the last 100 000 heights and of every 10 000th is kept. */
  public static final long DEFAULT_KEEP_RECENT = 100_000;

  public static final long DEFAULT_KEEP_EVERY = 10_000;

  public static AppConfig defaults() {
    return new AppConfig(
        "127.0.0.1:26658",
        "127.0.0.1:9090",
        "127.0.0.1:9464",
        "supervised",
        "",
        "http://127.0.0.1:26657",
        DEFAULT_KEEP_RECENT,
        DEFAULT_KEEP_EVERY,
        false,
        "file");
  }

  public AppConfig withKeyringBackend(String backend) {
    return new AppConfig(
        abciAddress,
        grpcAddress,
        metricsAddress,
        cometbftMode,
        cometbftBinary,
        cometbftRpc,
        pruningKeepRecent,
        pruningKeepEvery,
        pruneBlocks,
        backend);
  }

  /** These settings with other listening addresses and CometBFT RPC URL. */
  public AppConfig withAddresses(String abci, String grpc, String metrics, String rpc) {
    return new AppConfig(
        abci,
        grpc,
        metrics,
        cometbftMode,
        cometbftBinary,
        rpc,
        pruningKeepRecent,
        pruningKeepEvery,
        pruneBlocks,
        keyringBackend);
  }

  public static AppConfig load(Path file) throws IOException {
    Map<String, String> v = Toml.parse(Files.readString(file));
    AppConfig d = defaults();
    try {
      return new AppConfig(
          v.getOrDefault("abci.address", d.abciAddress),
          v.getOrDefault("grpc.address", d.grpcAddress),
          v.getOrDefault("metrics.address", d.metricsAddress),
          v.getOrDefault("cometbft.mode", d.cometbftMode),
          v.getOrDefault("cometbft.binary", d.cometbftBinary),
          v.getOrDefault("cometbft.rpc", d.cometbftRpc),
          Long.parseLong(v.getOrDefault("pruning.keep_recent", "" + d.pruningKeepRecent)),
          Long.parseLong(v.getOrDefault("pruning.keep_every", "" + d.pruningKeepEvery)),
          bool(v.getOrDefault("pruning.prune_blocks", "" + d.pruneBlocks), "pruning.prune_blocks"),
          v.getOrDefault("keyring.backend", d.keyringBackend));
    } catch (IllegalArgumentException e) { // a bad number or boolean
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  private static boolean bool(String value, String key) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(key + " must be true or false, not " + value);
    };
  }

  public String toToml() {
    return """
        # pocod application configuration. Every address binds to loopback by default.

        [abci]
        # The ABCI socket CometBFT connects to (its proxy_app).
        address = %s

        [grpc]
        # TxService and QueryService, with server reflection.
        address = %s

        [metrics]
        # Prometheus metrics of the application at http://<address>/metrics.
        address = %s

        [cometbft]
        # "supervised": pocod starts and restarts cometbft; "external": attach to one run elsewhere.
        mode = %s
        # Path of the cometbft binary; empty = .tools/bin/cometbft of the installation, then PATH.
        binary = %s
        # CometBFT's RPC, used to broadcast transactions and read blocks.
        rpc = %s

        [pruning]
        # Keep the state of this many recent heights (0 = keep all) and of every keep_every-th.
        keep_recent = %d
        keep_every = %d
        # true: Commit lets CometBFT drop the blocks below the oldest recent state kept
        # (retain_height = last - keep_recent + 1). false, for validators: keep every block.
        prune_blocks = %s

        [keyring]
        # "file" (encrypted, passphrase) or "test" (unencrypted, local networks only).
        backend = %s

        [state_sync]
        # Make a state-sync snapshot after every snapshot_interval-th height (0 = none) and keep
        # the newest snapshot_keep. Restoring a snapshot works either way.
        snapshot_interval = 0
        snapshot_keep = 2
        """
        .formatted(
            Toml.quote(abciAddress),
            Toml.quote(grpcAddress),
            Toml.quote(metricsAddress),
            Toml.quote(cometbftMode),
            Toml.quote(cometbftBinary),
            Toml.quote(cometbftRpc),
            pruningKeepRecent,
            pruningKeepEvery,
            pruneBlocks,
            Toml.quote(keyringBackend));
  }
}
