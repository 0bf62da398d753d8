package io.poco.node.comet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.util.JsonFormat;
import io.poco.core.staking.StakingParamsKeeper;
import io.poco.node.config.NodeHome;
import io.poco.node.config.Toml;
import io.poco.proto.v1.GenesisState;
import io.poco.proto.v1.GenesisValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates a CometBFT home with {@code cometbft init}, then sets what this chain needs: loopback
 * listeners on the node's ports, the ABCI address, the moniker, the commit timeout, the chain id,
 * the application's genesis state, its staked validators and an evidence age as long as the
 * unbonding period (chain.md §4).
 */
public final class CometHomeInitializer {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path cometbft;

  public CometHomeInitializer(Path cometbft) {
    this.cometbft = cometbft;
  }

  /** Runs {@code cometbft init} and configures the result; the genesis is written apart. */
  public void create(NodeHome home, String moniker, CometPorts ports, String timeoutCommit)
      throws IOException {
    run(List.of(cometbft.toString(), "init", "--home", home.cometHome().toString()));
    configure(home, moniker, ports, timeoutCommit);
  }

  /** {@link #create}, then {@link #writeGenesis} with {@code appState}. */
  public void init(
      NodeHome home,
      String chainId,
      String moniker,
      CometPorts ports,
      String timeoutCommit,
      GenesisState appState)
      throws IOException {
    create(home, moniker, ports, timeoutCommit);
    writeGenesis(home, chainId, appState);
  }

  /** The base64 Ed25519 public key of the home's {@code priv_validator_key.json}. */
  public static String consensusPubkey(NodeHome home) throws IOException {
    Path key = home.cometHome().resolve("config").resolve("priv_validator_key.json");
    String value = JSON.readTree(key.toFile()).path("pub_key").path("value").asText("");
    if (value.isEmpty()) {
      throw new IOException(key + " has no pub_key.value");
    }
    return value;
  }

  /**
   * Writes the chain id, {@code appState} and what follows from it into the home's genesis.json:
   * the validators of the app state (CometBFT's set at height 1, power = stake / 10^9), and an
   * evidence age as long as the unbonding period (chain.md §4). With no staked validator in {@code
   * appState}, the validator {@code cometbft init} wrote stays.
   */
  public static void writeGenesis(NodeHome home, String chainId, GenesisState appState)
      throws IOException {
    ObjectNode genesis = (ObjectNode) JSON.readTree(home.genesis().toFile());
    genesis.put("chain_id", chainId);
    genesis.put("initial_height", "1");
    genesis.set("app_state", toJson(appState));
    if (appState.getValidatorsCount() > 0) {
      ArrayNode validators = JSON.createArrayNode();
      for (GenesisValidator v : appState.getValidatorsList()) {
        ObjectNode entry = validators.addObject();
        ObjectNode pubKey = entry.putObject("pub_key");
        pubKey.put("type", "tendermint/PubKeyEd25519");
        pubKey.put("value", v.getConsensusPubkey());
        entry.put("power", Long.toString(v.getStake() / 1_000_000_000L));
        entry.put("name", v.getMoniker());
      }
      genesis.set("validators", validators);
    }
    long unbonding =
        appState.hasStaking()
            ? appState.getStaking().getUnbondingSeconds()
            : StakingParamsKeeper.defaults().getUnbondingSeconds();
    ObjectNode evidence = (ObjectNode) genesis.path("consensus_params").path("evidence");
    evidence.put("max_age_duration", Long.toString(unbonding * 1_000_000_000L));
    evidence.put("max_age_num_blocks", Long.toString(unbonding));
    writeJson(home.genesis(), genesis);
  }

  private static JsonNode toJson(GenesisState state) throws IOException {
    return JSON.readTree(JsonFormat.printer().preservingProtoFieldNames().print(state));
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
