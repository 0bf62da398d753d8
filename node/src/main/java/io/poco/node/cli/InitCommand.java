package io.poco.node.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poco.node.comet.CometBinary;
import io.poco.node.comet.CometHomeInitializer;
import io.poco.node.comet.CometPorts;
import io.poco.node.config.AppConfig;
import io.poco.node.config.GenesisBuilder;
import io.poco.node.config.NodeHome;
import io.poco.node.keys.KeyInfo;
import io.poco.node.keys.KeyStore;
import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pocod init}: a new single-validator node home. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Create a node home: the CometBFT home (config.toml, genesis.json, node and validator keys),",
      "config/app.toml, and a single-validator genesis whose app_state funds a first account",
      "whose key is stored in the key store; that account operates the validator, whose stake",
      "is bonded at genesis."
    })
final class InitCommand implements Callable<Integer> {

  private static final Pattern CHAIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,49}");

  @Mixin HomeOption home;
  @Mixin KeyringOptions keyring;
  @Mixin OutputOption output;

  @Option(names = "--chain-id", required = true, paramLabel = "ID", description = "Chain id.")
  String chainId;

  @Option(
      names = "--moniker",
      paramLabel = "NAME",
      defaultValue = "node",
      description = "Human-readable node name (default: ${DEFAULT-VALUE}).")
  String moniker;

  @Option(
      names = "--key-name",
      paramLabel = "NAME",
      defaultValue = "validator",
      description = "Name of the funded account's key (default: ${DEFAULT-VALUE}).")
  String keyName;

  @Option(
      names = "--balance",
      paramLabel = "AMOUNT",
      defaultValue = "1000000RLC",
      description = "Genesis balance of that account, in nRLC or RLC (default: ${DEFAULT-VALUE}).")
  String balance;

  @Option(
      names = "--stake",
      paramLabel = "AMOUNT",
      defaultValue = "10000RLC",
      description =
          "Bonded stake of the node's genesis validator, operated by that account, in nRLC or RLC"
              + " (default: ${DEFAULT-VALUE}).")
  String stake;

  @Option(
      names = "--timeout-commit",
      paramLabel = "DURATION",
      defaultValue = "1s",
      description = "CometBFT consensus.timeout_commit (default: ${DEFAULT-VALUE}).")
  String timeoutCommit;

  @Override
  public Integer call() throws Exception {
    NodeHome nodeHome = home.nodeHome();
    if (!CHAIN_ID.matcher(chainId).matches()) {
      throw new UsageException(
          "invalid chain id '" + chainId + "': 1-50 letters, digits, '.', '_' or '-'");
    }
    if (Files.exists(nodeHome.genesis()) || Files.exists(nodeHome.appConfig())) {
      throw new UsageException(
          nodeHome.root() + " is already initialised; remove it or choose another --home");
    }
    long funds = Amounts.parse(balance);
    KeyInfo key =
        new KeyStore(nodeHome.keyring())
            .create(keyName, keyring.backend(), keyring.newPassphrase());
    Files.createDirectories(nodeHome.appConfig().getParent());
    Files.createDirectories(nodeHome.dataDir());
    AppConfig config =
        AppConfig.defaults().withKeyringBackend(keyring.backend().name().toLowerCase(Locale.ROOT));
    Files.writeString(nodeHome.appConfig(), config.toToml());
    long bonded = Amounts.parse(stake);
    if (bonded < 1_000_000_000L) {
      throw new UsageException("--stake must be at least 1 RLC (the least voting power, 1)");
    }
    CometHomeInitializer comet = new CometHomeInitializer(CometBinary.locate(null));
    comet.create(nodeHome, moniker, CometPorts.defaults(), timeoutCommit);
    GenesisBuilder genesis =
        new GenesisBuilder()
            .fund(key.address(), funds)
            .validator(
                key.address(), CometHomeInitializer.consensusPubkey(nodeHome), moniker, bonded);
    CometHomeInitializer.writeGenesis(nodeHome, chainId, genesis.build());
    ObjectNode out = OutputOption.object();
    out.put("home", nodeHome.root().toString());
    out.put("chain_id", chainId);
    out.put("node_id", comet.nodeId(nodeHome));
    out.put("key", key.name());
    out.put("address", key.address().toHex());
    out.put("balance", Long.toString(funds));
    out.put("stake", Long.toString(bonded));
    output.print(out);
    if (!output.json()) {
      System.out.println("next: pocod start --home " + nodeHome.root());
    }
    return ExitCodes.OK;
  }
}
