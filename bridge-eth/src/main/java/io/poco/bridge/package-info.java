/**
 * The Ethereum side of the bridge in Java: the data types of {@code PocoBridge}, and the encodings
 * and hashes the contract computes (valset hash, EIP-712 checkpoint digest, withdrawal tree),
 * rebuilt byte for byte so that the sidechain can sign and prove what the contract will accept.
 */
package io.poco.bridge;
