package io.poco.core.params;

import io.poco.core.crypto.Address;
import io.poco.core.exec.Schema;
import io.poco.proto.v1.Category;
import io.poco.proto.v1.GenesisState;
import io.poco.proto.v1.PocoParams;
import io.poco.proto.v1.WorkerScore;
import io.poco.state.StateUpdater;
import java.util.TreeSet;

/** Writes the PoCo part of genesis: parameters and imported worker scores. */
public final class PocoGenesis {

  /** A reference time above this would let deadlines overflow 2^63 seconds. */
  public static final long MAX_TIMEREF = 1L << 40;

  private PocoGenesis() {}

  /** Throws IllegalArgumentException naming the first problem. */
  public static void apply(StateUpdater state, GenesisState genesis) {
    PocoParams params = genesis.hasPoco() ? genesis.getPoco() : PocoParamsKeeper.defaults();
    if (params.getCategoriesCount() == 0) {
      throw new IllegalArgumentException("poco.categories must name at least one category");
    }
    for (int i = 0; i < params.getCategoriesCount(); i++) {
      Category c = params.getCategories(i);
      if (c.getTimerefSeconds() <= 0 || c.getTimerefSeconds() > MAX_TIMEREF) {
        throw new IllegalArgumentException(
            "poco.categories[" + i + "].timeref_seconds must be between 1 and " + MAX_TIMEREF);
      }
    }
    if (!params.hasReversalWindowSeconds()) {
      params =
          params.toBuilder()
              .setReversalWindowSeconds(PocoParamsKeeper.DEFAULT_REVERSAL_WINDOW)
              .build();
    } else if (params.getReversalWindowSeconds() <= 0
        || params.getReversalWindowSeconds() > MAX_TIMEREF) {
      throw new IllegalArgumentException(
          "poco.reversal_window_seconds must be between 1 and " + MAX_TIMEREF);
    }
    if (params.hasBlacklistDurationSeconds()
        && (params.getBlacklistDurationSeconds() < 0
            || params.getBlacklistDurationSeconds() > MAX_TIMEREF)) {
      throw new IllegalArgumentException(
          "poco.blacklist_duration_seconds must be at most " + MAX_TIMEREF);
    }
    if (params.hasSpotCheckPpm() && params.getSpotCheckPpm() > 1_000_000) {
      throw new IllegalArgumentException("poco.spot_check_ppm must be at most 1000000");
    }
    if (params.hasVerifiersPerCheck()
        && (params.getVerifiersPerCheck() < 1 || params.getVerifiersPerCheck() > 16)) {
      throw new IllegalArgumentException("poco.verifiers_per_check must be between 1 and 16");
    }
    if (params.getSpotCheckFee() < 0
        || params.getChallengeBond() < 0
        || params.getVerifierMinScore() < 0) {
      throw new IllegalArgumentException(
          "poco.spot_check_fee, challenge_bond and verifier_min_score must be below 2^63");
    }
    if (params.hasVerifierBond() && params.getVerifierBond() < 10) {
      // the bond must be able to lose 10 % on a timeout
      throw new IllegalArgumentException("poco.verifier_bond must be at least 10 nRLC");
    }
    Schema.POCO_PARAMS.put(state, Schema.SINGLETON, params);
    TreeSet<Address> seen = new TreeSet<>();
    for (WorkerScore entry : genesis.getWorkerScoresList()) {
      Address worker;
      try {
        worker = Address.parse(entry.getAddress());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("genesis worker score: " + e.getMessage(), e);
      }
      if (!seen.add(worker)) {
        throw new IllegalArgumentException("genesis worker score for " + worker + " appears twice");
      }
      if (entry.getScore() < 0) {
        throw new IllegalArgumentException("genesis worker score for " + worker + " is too large");
      }
      Schema.WORKER_SCORES.put(state, worker.bytes(), entry.getScore());
    }
  }
}
