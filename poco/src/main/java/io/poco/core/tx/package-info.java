/**
 * Transactions: the signing digest, decoding and the stateless checks (size, encoding, chain id,
 * signature, message count, fee floor), with their result codes.
 */
package io.poco.core.tx;
