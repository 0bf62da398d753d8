package io.poco.node.cli;

import io.poco.core.crypto.Address;
import io.poco.node.PocoNode;
import io.poco.node.comet.CometBinary;
import io.poco.node.comet.TestnetGenerator;
import io.poco.node.config.AppConfig;
import io.poco.node.config.GenesisBuilder;
import io.poco.node.config.NodeHome;
import io.poco.node.keys.KeyInfo;
import io.poco.node.keys.KeyStore;
import io.poco.node.keys.KeyringBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pocod testnet}: homes for a local N-validator network, optionally started. */
@Command(
    name = "testnet",
    mixinStandardHelpOptions = true,
    description = {
      "Create homes DIR/node0..node(N-1) for an N-validator network on 127.0.0.1 with distinct",
      "ports (node i uses BASE+10i: p2p +0, rpc +1, abci +2, cometbft metrics +3, grpc +4,",
      "metrics +5) and one shared genesis; funded test accounts go to the key store DIR/keyring",
      "(test backend: use --home DIR with poco), as do the validators' operator keys validator0..",
      "(each validator has 10 000 RLC staked). With --start, runs every node in the foreground."
    })
final class TestnetCommand implements Callable<Integer> {

  /** What each genesis validator has bonded: 10 000 RLC (power 10 000). */
  static final long VALIDATOR_STAKE = 10_000L * 1_000_000_000L;

  @Option(
      names = "--validators",
      defaultValue = "4",
      description = "Validators (default: ${DEFAULT-VALUE}).")
  int validators;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "DIR",
      description = "Where to create the homes.")
  Path dir;

  @Option(
      names = "--chain-id",
      defaultValue = "poco-testnet",
      description = "Chain id (default: ${DEFAULT-VALUE}).")
  String chainId;

  @Option(
      names = "--base-port",
      defaultValue = "26600",
      description = "First port (default: ${DEFAULT-VALUE}).")
  int basePort;

  @Option(
      names = "--accounts",
      defaultValue = "10",
      description = "Funded test accounts (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(
      names = "--timeout-commit",
      defaultValue = "500ms",
      description = "CometBFT timeout_commit (default: ${DEFAULT-VALUE}).")
  String timeoutCommit;

  @Option(names = "--start", description = "Start every node and run until interrupted.")
  boolean start;

  @Override
  public Integer call() throws Exception {
    if (validators < 1 || validators > 64) {
      throw new UsageException("--validators must be between 1 and 64");
    }
    if (basePort < 1024 || basePort + 10 * validators > 65535) {
      throw new UsageException("--base-port leaves no room for " + validators + " nodes");
    }
    if (Files.exists(dir) && Files.list(dir).findAny().isPresent()) {
      throw new UsageException(dir + " is not empty; remove it or choose another --output");
    }
    KeyStore keys = new KeyStore(dir.resolve("keyring"));
    GenesisBuilder genesis = new GenesisBuilder();
    List<KeyInfo> funded = new ArrayList<>();
    for (int i = 0; i < accounts; i++) {
      KeyInfo key = keys.create("account" + i, KeyringBackend.TEST, null);
      genesis.fund(key.address(), 1_000_000L * 1_000_000_000L);
      funded.add(key);
    }
    List<Address> operators = new ArrayList<>();
    for (int i = 0; i < validators; i++) {
      KeyInfo key = keys.create("validator" + i, KeyringBackend.TEST, null);
      genesis.fund(key.address(), 1_000_000L * 1_000_000_000L);
      operators.add(key.address());
    }
    List<NodeHome> homes =
        new TestnetGenerator(CometBinary.locate(null))
            .generate(dir, chainId, operators, VALIDATOR_STAKE, basePort, timeoutCommit, genesis);
    System.out.printf(
        "created %d validator homes for chain %s in %s%n",
        validators, chainId, dir.toAbsolutePath());
    System.out.printf(
        "node0: gRPC 127.0.0.1:%d, CometBFT RPC http://127.0.0.1:%d%n",
        TestnetGenerator.portsOf(basePort, 0).grpc(), TestnetGenerator.portsOf(basePort, 0).rpc());
    System.out.printf(
        "%d accounts (account0..) funded with 1 000 000 RLC each; validator i is operated by key"
            + " validator<i> (1 000 000 RLC, %d RLC staked); keys in %s%n",
        funded.size(), VALIDATOR_STAKE / 1_000_000_000L, keys.directory());
    if (!start) {
      return ExitCodes.OK;
    }
    List<PocoNode> nodes = new ArrayList<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (int i = nodes.size() - 1; i >= 0; i--) {
                    nodes.get(i).close();
                  }
                  stopped.countDown();
                },
                "testnet-shutdown"));
    for (NodeHome home : homes) {
      nodes.add(PocoNode.start(home, AppConfig.load(home.appConfig()), true));
    }
    System.out.println("testnet running; Ctrl-C stops it");
    stopped.await();
    return ExitCodes.OK;
  }
}
