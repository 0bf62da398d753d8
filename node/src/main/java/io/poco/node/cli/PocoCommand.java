package io.poco.node.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code poco}: the client. */
@Command(
    name = "poco",
    mixinStandardHelpOptions = true,
    version = "poco 0.1.0",
    description =
        "Client of the PoCo sidechain: sign and send transactions, query state over gRPC.",
    subcommands = {TxCommand.class, QueryCommand.class})
public final class PocoCommand {

  public static void main(String[] args) {
    System.exit(ExitCodes.execute(new CommandLine(new PocoCommand()), args));
  }
}
