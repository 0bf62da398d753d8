package io.poco.node.comet;

/** The loopback ports of one node: CometBFT's and the application's. */
public record CometPorts(
    String host, int p2p, int rpc, int abci, int cometMetrics, int grpc, int appMetrics) {

  public static CometPorts defaults() {
    return new CometPorts("127.0.0.1", 26656, 26657, 26658, 26660, 9090, 9464);
  }

  /** Every port shifted by {@code offset}, for several nodes on one host. */
  public CometPorts shifted(int offset) {
    return new CometPorts(
        host,
        p2p + offset,
        rpc + offset,
        abci + offset,
        cometMetrics + offset,
        grpc + offset,
        appMetrics + offset);
  }
}
