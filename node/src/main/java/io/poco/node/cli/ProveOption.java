package io.poco.node.cli;

import picocli.CommandLine.Option;

/** {@code --prove [--rpc URL]}: answer from state values checked against an app hash. */
final class ProveOption {

  @Option(
      names = "--prove",
      description =
          "Read the answer's state values with their Merkle proofs and check them against the app"
              + " hash in CometBFT's header of height + 1 before printing (exit 1 if one fails).")
  boolean prove;

  @Option(
      names = "--rpc",
      paramLabel = "URL",
      description =
          "With --prove: read the header from this CometBFT RPC endpoint instead of asking the"
              + " node.")
  String rpc;
}
