/**
 * web3j clients of the deployed contracts: load the compiled artifacts, deploy {@code TestRLC} and
 * {@code PocoBridge}, send transactions (simulated first, so a revert comes back as the contract's
 * custom error name), read views and {@code Deposit} events.
 */
package io.poco.bridge.eth;
