package io.poco.core.staking;

import com.google.protobuf.ByteString;

/** A validator update for CometBFT: Ed25519 public key and new power (0 removes). */
public record PowerChange(ByteString pubkey, long power) {}
