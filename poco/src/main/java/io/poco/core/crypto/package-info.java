/**
 * The chain's cryptography: Keccak-256, recoverable secp256k1 signatures with low-s, and
 * Ethereum-style addresses. BouncyCastle is the reference implementation.
 */
package io.poco.core.crypto;
