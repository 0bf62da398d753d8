package io.poco.testnet;

/** Which ABCI application each node of a {@link LocalNetwork} runs behind its CometBFT. */
public enum AppKind {
  /** {@code pocod start --cometbft external}: the PoCo application in its own JVM. */
  POCOD,
  /**
   * CometBFT's {@code abci-cli kvstore} example served over the same ABCI socket transport: the
   * throughput baseline of targets.md P1.
   */
  KVSTORE
}
