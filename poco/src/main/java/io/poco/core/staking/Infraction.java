package io.poco.core.staking;

import com.google.protobuf.ByteString;

/**
 * Misbehaviour reported by CometBFT (duplicate vote or light-client attack): the validator's
 * consensus address, the infraction height and its voting power there.
 */
public record Infraction(String kind, ByteString address, long height, long power) {}
