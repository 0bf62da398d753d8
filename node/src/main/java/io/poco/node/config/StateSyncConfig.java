package io.poco.node.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code [state_sync]} table of {@code app.toml}: {@code snapshot_interval} (make a state-sync
 * snapshot after every N-th height; 0, the default, makes none) and {@code snapshot_keep} (how many
 * snapshots to keep, default 2). Serving is off without snapshots; restoring always works.
 */
public record StateSyncConfig(long snapshotInterval, int snapshotKeep) {

  /** No snapshots made, two kept: what an absent table means. */
  public static StateSyncConfig defaults() {
    return new StateSyncConfig(0, 2);
  }

  public static StateSyncConfig load(Path appToml) throws IOException {
    Map<String, String> v =
        Files.exists(appToml) ? Toml.parse(Files.readString(appToml)) : Map.of();
    try {
      long interval = Long.parseLong(v.getOrDefault("state_sync.snapshot_interval", "0"));
      int keep = Integer.parseInt(v.getOrDefault("state_sync.snapshot_keep", "2"));
      if (interval < 0 || keep < 1) {
        throw new IOException(
            appToml + ": state_sync.snapshot_interval must be >= 0 and snapshot_keep >= 1");
      }
      return new StateSyncConfig(interval, keep);
    } catch (NumberFormatException e) {
      throw new IOException(appToml + ": [state_sync]: " + e.getMessage(), e);
    }
  }
}
