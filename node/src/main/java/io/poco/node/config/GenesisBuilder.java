package io.poco.node.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.poco.core.crypto.Address;
import io.poco.core.tx.TxDecoder;
import io.poco.proto.v1.GenesisAccount;
import io.poco.proto.v1.GenesisState;
import io.poco.proto.v1.GenesisValidator;
import io.poco.proto.v1.PocoParams;
import io.poco.proto.v1.StakingParams;
import java.io.IOException;
import java.nio.file.Path;

/** Builds the genesis {@code app_state} as the JSON tree that goes into genesis.json. */
public final class GenesisBuilder {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final GenesisState.Builder state =
      GenesisState.newBuilder().setParams(TxDecoder.defaultParams());

  public GenesisBuilder fund(Address address, long nrlc) {
    state.addAccounts(
        GenesisAccount.newBuilder().setAddress(address.toHex()).setBalance(nrlc).build());
    return this;
  }

  /**
   * Makes {@code operator} a genesis validator with consensus key {@code consensusPubkey} (base64
   * Ed25519, as in {@code priv_validator_key.json}) and {@code stake} nRLC bonded; its bridge
   * address is the operator's own until it edits it.
   */
  public GenesisBuilder validator(
      Address operator, String consensusPubkey, String moniker, long stake) {
    state.addValidators(
        GenesisValidator.newBuilder()
            .setOperator(operator.toHex())
            .setConsensusPubkey(consensusPubkey)
            .setBridgeAddress(operator.toHex())
            .setMoniker(moniker)
            .setStake(stake)
            .build());
    return this;
  }

  /** Staking parameters other than the defaults (chain.md §4). */
  public GenesisBuilder staking(StakingParams params) {
    state.setStaking(params);
    return this;
  }

  /** PoCo parameters other than the defaults (poco.md). */
  public GenesisBuilder poco(PocoParams params) {
    state.setPoco(params);
    return this;
  }

  public GenesisState build() {
    return state.build();
  }

  /** The chain id written in a CometBFT genesis file. */
  public static String chainIdOf(Path genesisJson) throws IOException {
    String id = JSON.readTree(genesisJson.toFile()).path("chain_id").asText("");
    if (id.isEmpty()) {
      throw new IOException(genesisJson + " has no chain_id");
    }
    return id;
  }
}
