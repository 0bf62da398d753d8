package io.poco.node;

import io.poco.consensus.abci.AbciServer;
import io.poco.consensus.app.PocoApplication;
import io.poco.core.crypto.Secp256k1;
import io.poco.node.comet.CometBinary;
import io.poco.node.comet.CometRpcClient;
import io.poco.node.comet.CometSupervisor;
import io.poco.node.config.AppConfig;
import io.poco.node.config.GenesisBuilder;
import io.poco.node.config.NodeHome;
import io.poco.node.grpc.GrpcServer;
import io.poco.node.grpc.QueryServiceImpl;
import io.poco.node.grpc.TxServiceImpl;
import io.poco.node.metrics.MetricsServer;
import io.poco.state.RocksDbVersionedStore;
import io.poco.state.VersionedStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: the state store, the application, the ABCI socket server, the gRPC and metrics
 * servers and, unless CometBFT runs externally, the supervised CometBFT process. Closing stops them
 * in reverse order: CometBFT first, the store last.
 */
public final class PocoNode implements AutoCloseable {

  private static final Logger STATUS = LoggerFactory.getLogger("status");

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final PocoApplication app;
  private final int grpcPort;

  private PocoNode(NodeHome home, AppConfig config, boolean supervise) throws IOException {
    try {
      String chainId = GenesisBuilder.chainIdOf(home.genesis());
      VersionedStore store =
          RocksDbVersionedStore.open(
              home.stateDb(), config.pruningKeepRecent(), config.pruningKeepEvery());
      started.push(store);
      app = new PocoApplication(chainId, store);
      app.pruneBlocks(config.pruneBlocks());
      io.poco.node.config.StateSyncConfig stateSync =
          io.poco.node.config.StateSyncConfig.load(home.appConfig());
      app.enableSnapshots(
          home.dataDir().resolve("snapshots"),
          stateSync.snapshotInterval(),
          stateSync.snapshotKeep());
      STATUS.info(
          "state at height {} (chain {}), data in {}", store.lastHeight(), chainId, home.stateDb());
      STATUS.info("signature recovery: {}", Secp256k1.recoveryImplementation());
      InetSocketAddress abciAddress = Addresses.parse(config.abciAddress());
      AbciServer abci = new AbciServer(abciAddress, app);
      abci.start();
      started.push(abci);
      STATUS.info("ABCI socket listening on {}", config.abciAddress());
      CometRpcClient rpc = new CometRpcClient(config.cometbftRpc());
      GrpcServer grpc =
          new GrpcServer(
                  Addresses.parse(config.grpcAddress()),
                  List.of(new TxServiceImpl(rpc, app), new QueryServiceImpl(app, rpc)))
              .start();
      started.push(grpc);
      grpcPort = grpc.port();
      STATUS.info("gRPC listening on {}", config.grpcAddress());
      MetricsServer metrics =
          new MetricsServer(Addresses.parse(config.metricsAddress()), store).start();
      started.push(metrics);
      STATUS.info("metrics at http://{}/metrics", config.metricsAddress());
      if (supervise) {
        CometSupervisor comet =
            new CometSupervisor(CometBinary.locate(config.cometbftBinary()), home.cometHome());
        comet.start();
        started.push(comet);
      } else {
        STATUS.info("waiting for an external CometBFT to connect to {}", config.abciAddress());
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Starts every part of a node; on failure stops what had started and rethrows. */
  public static PocoNode start(NodeHome home, AppConfig config, boolean supervise)
      throws IOException {
    return new PocoNode(home, config, supervise);
  }

  public PocoApplication application() {
    return app;
  }

  public int grpcPort() {
    return grpcPort;
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (Exception e) {
        LoggerFactory.getLogger(PocoNode.class)
            .warn("error while stopping {}: {}", part, e.toString());
      }
    }
  }
}
