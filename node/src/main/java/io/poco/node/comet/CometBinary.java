package io.poco.node.comet;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the {@code cometbft} binary. */
public final class CometBinary {

  private CometBinary() {}

  /**
   * The configured path if set; else {@code $POCO_COMETBFT}; else {@code .tools/bin/cometbft} under
   * the installation root ({@code -Dpoco.root}, set by the launchers); else the PATH.
   */
  public static Path locate(String configured) {
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String env = System.getenv("POCO_COMETBFT");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String root = System.getProperty("poco.root", System.getenv("POCO_ROOT"));
    if (root != null && !root.isBlank()) {
      Path tool = Path.of(root, ".tools", "bin", "cometbft");
      if (Files.isExecutable(tool)) {
        return tool;
      }
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(":")) {
        Path candidate = Path.of(dir, "cometbft");
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException(
        "cometbft not found: run 'make build' (installs it into .tools/bin), set"
            + " [cometbft] binary in app.toml, or put cometbft on the PATH");
  }
}
