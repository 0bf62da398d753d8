package io.poco.node.comet;

import io.poco.core.crypto.Address;
import io.poco.node.config.AppConfig;
import io.poco.node.config.GenesisBuilder;
import io.poco.node.config.NodeHome;
import io.poco.node.config.Toml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Homes for an N-validator network on loopback: every node gets its own ports, all share one
 * genesis in which every node is a staked validator, and each names the others as persistent peers.
 */
public final class TestnetGenerator {

  /** Ports of node {@code i}: {@code base + 10·i + k} for k = p2p 0, rpc 1, abci 2, … */
  public static CometPorts portsOf(int basePort, int i) {
    int b = basePort + 10 * i;
    return new CometPorts("127.0.0.1", b, b + 1, b + 2, b + 3, b + 4, b + 5);
  }

  private final Path cometbft;

  public TestnetGenerator(Path cometbft) {
    this.cometbft = cometbft;
  }

  /**
   * Creates {@code dir/node0..node(N-1)}, one per operator, and returns their homes. Node {@code i}
   * is a genesis validator operated by {@code operators.get(i)} with {@code stake} nRLC bonded;
   * {@code genesis} gets those validators added.
   */
  public List<NodeHome> generate(
      Path dir,
      String chainId,
      List<Address> operators,
      long stake,
      int basePort,
      String timeoutCommit,
      GenesisBuilder genesis)
      throws IOException {
    return generate(
        dir, chainId, operators.size(), operators, stake, basePort, timeoutCommit, genesis);
  }

  /**
   * Like {@link #generate(Path, String, List, long, int, String, GenesisBuilder)} with {@code nodes
   * - operators.size()} more nodes that follow the chain without being validators (they can become
   * validators by staking).
   */
  public List<NodeHome> generate(
      Path dir,
      String chainId,
      int nodes,
      List<Address> operators,
      long stake,
      int basePort,
      String timeoutCommit,
      GenesisBuilder genesis)
      throws IOException {
    if (nodes < operators.size()) {
      throw new IllegalArgumentException(
          nodes + " nodes cannot hold " + operators.size() + " validators");
    }
    CometHomeInitializer init = new CometHomeInitializer(cometbft);
    List<NodeHome> homes = new ArrayList<>();
    List<String> peers = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      NodeHome home = new NodeHome(dir.resolve("node" + i));
      CometPorts ports = portsOf(basePort, i);
      init.create(home, "node" + i, ports, timeoutCommit);
      if (i < operators.size()) {
        genesis.validator(
            operators.get(i), CometHomeInitializer.consensusPubkey(home), "node" + i, stake);
      }
      peers.add(init.nodeId(home) + "@127.0.0.1:" + ports.p2p());
      AppConfig config =
          AppConfig.defaults()
              .withKeyringBackend("test")
              .withAddresses(
                  ports.host() + ":" + ports.abci(),
                  ports.host() + ":" + ports.grpc(),
                  ports.host() + ":" + ports.appMetrics(),
                  "http://" + ports.host() + ":" + ports.rpc());
      Files.createDirectories(home.appConfig().getParent());
      Files.createDirectories(home.dataDir());
      Files.writeString(home.appConfig(), config.toToml());
      homes.add(home);
    }
    CometHomeInitializer.writeGenesis(homes.get(0), chainId, genesis.build());
    for (int i = 0; i < homes.size(); i++) {
      NodeHome home = homes.get(i);
      if (i > 0) {
        Files.copy(homes.get(0).genesis(), home.genesis(), StandardCopyOption.REPLACE_EXISTING);
      }
      List<String> others = new ArrayList<>(peers);
      others.remove(i);
      String t = Files.readString(home.cometConfig());
      t = Toml.set(t, "p2p", "persistent_peers", Toml.quote(String.join(",", others)));
      t = Toml.set(t, "p2p", "addr_book_strict", "false");
      t = Toml.set(t, "p2p", "allow_duplicate_ip", "true");
      t = loopbackTimings(t);
      Files.writeString(home.cometConfig(), t, StandardCharsets.UTF_8);
    }
    return homes;
  }

  /** How often nodes of a loopback network flush p2p messages and gossip consensus state. */
  public static final String LOOPBACK_GOSSIP = "10ms";

  /**
   * CometBFT's defaults throttle p2p flushes and consensus gossip at 100 ms, made for real links;
   * on loopback that dominates the block time (a block needs several gossip rounds), so a generated
   * local network flushes and gossips every {@link #LOOPBACK_GOSSIP}. The benchmark harness runs
   * every application (pocod and the kvstore baseline) with these same settings.
   */
  public static String loopbackTimings(String cometConfig) {
    String t = cometConfig;
    t = Toml.set(t, "p2p", "flush_throttle_timeout", Toml.quote(LOOPBACK_GOSSIP));
    t = Toml.set(t, "consensus", "peer_gossip_sleep_duration", Toml.quote(LOOPBACK_GOSSIP));
    return t;
  }
}
