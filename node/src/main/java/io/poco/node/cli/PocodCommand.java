package io.poco.node.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pocod}: the node daemon. */
@Command(
    name = "pocod",
    mixinStandardHelpOptions = true,
    version = "pocod 0.1.0 (CometBFT v0.38.25, ABCI 2.0)",
    description = "The PoCo sidechain node: a CometBFT validator with the PoCo application.",
    subcommands = {InitCommand.class, StartCommand.class, KeysCommand.class, TestnetCommand.class})
public final class PocodCommand {

  public static void main(String[] args) {
    System.exit(ExitCodes.execute(new CommandLine(new PocodCommand()), args));
  }
}
