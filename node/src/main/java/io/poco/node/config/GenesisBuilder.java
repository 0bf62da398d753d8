package io.poco.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.poco.core.crypto.Address;
import io.poco.core.tx.TxDecoder;
import io.poco.proto.v1.GenesisAccount;
import io.poco.proto.v1.GenesisState;
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

  public GenesisState build() {
    return state.build();
  }

  public JsonNode toJson() {
    try {
      return JSON.readTree(JsonFormat.printer().preservingProtoFieldNames().print(state));
    } catch (InvalidProtocolBufferException
        | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot render the genesis state", e);
    }
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
