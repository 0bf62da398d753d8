/**
 * The standalone proof verifier: checks a membership or non-membership proof of the state tree
 * against a root (an app hash), with nothing but Keccak-256. Auditors can copy the one class.
 */
package io.poco.state.proof;
