/**
 * The PoCo application behind the ABCI socket: maps CometBFT's calls onto the state machine of
 * {@code poco} and the versioned store of {@code state} (stage in FinalizeBlock, persist in
 * Commit).
 */
package io.poco.consensus.app;
