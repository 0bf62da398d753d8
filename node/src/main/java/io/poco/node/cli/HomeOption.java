package io.poco.node.cli;

import io.poco.node.config.NodeHome;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --home DIR}, shared by the commands that use a node home. */
public final class HomeOption {

  @Option(
      names = "--home",
      paramLabel = "DIR",
      description = "Node home directory (default: ${DEFAULT-VALUE}).",
      defaultValue = "${sys:user.home}/.pocod")
  Path home;

  public NodeHome nodeHome() {
    return new NodeHome(home.toAbsolutePath());
  }
}
