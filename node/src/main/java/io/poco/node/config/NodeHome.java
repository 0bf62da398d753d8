package io.poco.node.config;

import java.nio.file.Path;

/** The layout of a node's home directory. */
public record NodeHome(Path root) {

  public Path cometHome() {
    return root.resolve("cometbft");
  }

  public Path cometConfig() {
    return cometHome().resolve("config").resolve("config.toml");
  }

  public Path genesis() {
    return cometHome().resolve("config").resolve("genesis.json");
  }

  public Path appConfig() {
    return root.resolve("config").resolve("app.toml");
  }

  public Path dataDir() {
    return root.resolve("data");
  }

  public Path stateDb() {
    return dataDir().resolve("state");
  }

  public Path keyring() {
    return root.resolve("keyring");
  }
}
