/**
 * Authenticated, versioned key-value state: block-scoped nested updaters, one atomic commit per
 * height whose Merkle root is the app hash, historical reads, proofs and pruning.
 */
package io.poco.state;
