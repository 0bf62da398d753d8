package io.poco.core.staking;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.exec.Schema;
import io.poco.proto.v1.GenesisState;
import io.poco.proto.v1.GenesisValidator;
import io.poco.proto.v1.StakingParams;
import io.poco.proto.v1.Validator;
import io.poco.state.KeyValueReader;
import io.poco.state.StateUpdater;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/** Writes the staking part of genesis: parameters, validators and the initial set. */
public final class StakingGenesis {

  /** Longest moniker, in characters. */
  public static final int MAX_MONIKER = 64;

  private StakingGenesis() {}

  /**
   * Validates and writes the staking parameters and validators of {@code genesis}; returns the
   * total stake (to be counted in the supply). Throws IllegalArgumentException naming the first
   * problem.
   */
  public static long apply(StateUpdater state, GenesisState genesis, long reversalWindowSeconds) {
    StakingParams params =
        genesis.hasStaking() ? genesis.getStaking() : StakingParamsKeeper.defaults();
    StakingParamsKeeper.validate(params, reversalWindowSeconds);
    Schema.STAKING_PARAMS.put(state, Schema.SINGLETON, params);
    TreeSet<Address> operators = new TreeSet<>();
    TreeSet<String> keys = new TreeSet<>();
    long total = 0;
    for (int i = 0; i < genesis.getValidatorsCount(); i++) {
      GenesisValidator g = genesis.getValidators(i);
      String where = "genesis validator " + i + ": ";
      Address operator;
      Address bridge;
      try {
        operator = Address.parse(g.getOperator());
        bridge = Address.parse(g.getBridgeAddress());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + e.getMessage(), e);
      }
      ByteString pubkey;
      try {
        pubkey = ByteString.copyFrom(Base64.getDecoder().decode(g.getConsensusPubkey()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + "consensus_pubkey is not base64", e);
      }
      if (pubkey.size() != ConsensusKeys.PUBKEY_LENGTH) {
        throw new IllegalArgumentException(where + "consensus_pubkey must be 32 bytes (Ed25519)");
      }
      String monikerProblem = monikerProblem(g.getMoniker());
      if (!monikerProblem.isEmpty()) {
        throw new IllegalArgumentException(where + monikerProblem);
      }
      if (!operators.add(operator)) {
        throw new IllegalArgumentException(where + "operator " + operator + " appears twice");
      }
      if (!keys.add(g.getConsensusPubkey())) {
        throw new IllegalArgumentException(where + "consensus key appears twice");
      }
      if (g.getStake() < params.getMinSelfStake()) {
        throw new IllegalArgumentException(
            where + "stake must be at least min_self_stake " + params.getMinSelfStake());
      }
      try {
        total = Math.addExact(total, g.getStake());
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("genesis stakes add up past 2^63-1 nRLC", e);
      }
      StakingKeeper.put(
          state,
          Validator.newBuilder()
              .setOperator(operator.bytes())
              .setConsensusPubkey(pubkey)
              .setBridgeAddress(bridge.bytes())
              .setMoniker(g.getMoniker())
              .setBonded(g.getStake())
              .setCreatedHeight(0)
              .build());
      Schema.CONSENSUS_ADDRESSES.put(state, ConsensusKeys.address(pubkey), operator.bytes());
    }
    if (genesis.getValidatorsCount() > 0) {
      TreeMap<ByteString, Long> set = new TreeMap<>(ByteString.unsignedLexicographicalComparator());
      for (Validator v : ActiveSet.select(StakingKeeper.all(state), params)) {
        long power = StakingKeeper.power(v);
        StakingKeeper.put(state, v.toBuilder().setPowerInSet(power).build());
        set.put(ConsensusKeys.address(v.getConsensusPubkey()), power);
      }
      // InitChain's set is CometBFT's at heights 1 and 2 (updates of block H apply at H+2).
      Schema.VALIDATOR_SETS.put(state, 1L, StakingBlock.toSet(set));
      Schema.VALIDATOR_SETS.put(state, 2L, StakingBlock.toSet(set));
    }
    return total;
  }

  /** The validators to return from InitChain: those in the initial active set. */
  public static List<PowerChange> initialSet(KeyValueReader state) {
    List<PowerChange> out = new ArrayList<>();
    for (Validator v : StakingKeeper.all(state)) {
      if (v.getPowerInSet() > 0) {
        out.add(new PowerChange(v.getConsensusPubkey(), v.getPowerInSet()));
      }
    }
    return out;
  }

  /** Empty when {@code moniker} is acceptable (1–64 printable ASCII characters), else why not. */
  public static String monikerProblem(String moniker) {
    if (moniker.isEmpty() || moniker.length() > MAX_MONIKER) {
      return "moniker must have 1 to " + MAX_MONIKER + " characters";
    }
    for (int i = 0; i < moniker.length(); i++) {
      char c = moniker.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return "moniker must be printable ASCII";
      }
    }
    return "";
  }
}
