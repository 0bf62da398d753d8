package io.poco.node.cli;

import picocli.CommandLine.Option;

/** {@code --prove} and {@code --rpc} of the {@code poco query} commands answered by a state key. */
final class ProveOption {

  @Option(
      names = "--prove",
      description =
          "Read the value with its Merkle proof through CometBFT's abci_query and check the proof"
              + " against the app hash in CometBFT's header of height + 1 before printing.")
  boolean prove;

  @Option(
      names = "--rpc",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:26657",
      description = "With --prove: the CometBFT RPC endpoint (default: ${DEFAULT-VALUE}).")
  String rpc;

  @Option(
      names = "--height",
      paramLabel = "H",
      defaultValue = "0",
      description = "With --prove: read at height H (default: the latest).")
  long height;
}
