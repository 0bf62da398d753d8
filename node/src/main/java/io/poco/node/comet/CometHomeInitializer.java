package io.poco.node.comet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poco.node.config.NodeHome;
import io.poco.node.config.Toml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates a CometBFT home with {@code cometbft init}, then sets what this chain needs: loopback
 * listeners on the node's ports, the ABCI address, the moniker, the commit timeout, the chain id,
 * the application's genesis state and an evidence age as long as the unbonding period (chain.md
 * §4).
 */
public final class CometHomeInitializer {

  /** Default unbonding period (21 days): evidence must stay valid at least that long. */
  public static final long UNBONDING_SECONDS = 21L * 24 * 3600;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path cometbft;

  public CometHomeInitializer(Path cometbft) {
    this.cometbft = cometbft;
  }

  /** Runs {@code cometbft init} and configures the result. */
  public void init(
      NodeHome home,
      String chainId,
      String moniker,
      CometPorts ports,
      String timeoutCommit,
      JsonNode appState)
      throws IOException {
    run(List.of(cometbft.toString(), "init", "--home", home.cometHome().toString()));
    configure(home, moniker, ports, timeoutCommit);
    ObjectNode genesis = (ObjectNode) JSON.readTree(home.genesis().toFile());
    genesis.put("chain_id", chainId);
    genesis.put("initial_height", "1");
    genesis.set("app_state", appState);
    ObjectNode evidence = (ObjectNode) genesis.path("consensus_params").path("evidence");
    evidence.put("max_age_duration", Long.toString(UNBONDING_SECONDS * 1_000_000_000L));
    evidence.put("max_age_num_blocks", Long.toString(UNBONDING_SECONDS));
    writeJson(home.genesis(), genesis);
  }

  /** Sets ports and node-level options in {@code config.toml}. */
  public static void configure(NodeHome home, String moniker, CometPorts ports, String timeout)
      throws IOException {
    String host = ports.host();
    String t = Files.readString(home.cometConfig());
    t = Toml.set(t, "", "proxy_app", Toml.quote("tcp://" + host + ":" + ports.abci()));
    t = Toml.set(t, "", "moniker", Toml.quote(moniker));
    t = Toml.set(t, "rpc", "laddr", Toml.quote("tcp://" + host + ":" + ports.rpc()));
    t = Toml.set(t, "p2p", "laddr", Toml.quote("tcp://" + host + ":" + ports.p2p()));
    t = Toml.set(t, "instrumentation", "prometheus", "true");
    t =
        Toml.set(
            t,
            "instrumentation",
            "prometheus_listen_addr",
            Toml.quote(host + ":" + ports.cometMetrics()));
    t = Toml.set(t, "consensus", "timeout_commit", Toml.quote(timeout));
    Files.writeString(home.cometConfig(), t, StandardCharsets.UTF_8);
  }

  /** The hex node id of the home's {@code node_key.json} ({@code cometbft show-node-id}). */
  public String nodeId(NodeHome home) throws IOException {
    return run(List.of(cometbft.toString(), "show-node-id", "--home", home.cometHome().toString()))
        .strip();
  }

  static void writeJson(Path file, JsonNode node) throws IOException {
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
  }

  private static String run(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + String.join(" ", command));
      }
      if (p.exitValue() != 0) {
        throw new IOException(
            String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + out.strip());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
  }
}
