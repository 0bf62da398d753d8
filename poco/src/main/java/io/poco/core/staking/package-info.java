/**
 * Validators and their self-stake (chain.md §4): the staking messages, the active set and its
 * updates to CometBFT, unbonding, evidence and downtime slashing, and the sharing of a block's fees
 * among its signers. Pure and deterministic, over the typed columns of {@code Schema}.
 */
package io.poco.core.staking;
