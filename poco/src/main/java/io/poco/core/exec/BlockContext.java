package io.poco.core.exec;

import com.google.protobuf.ByteString;

/**
 * What the state machine may know about the block being executed: its height, the header time in
 * seconds (the only clock) and its hash (the only randomness seed).
 */
public record BlockContext(String chainId, long height, long timeSeconds, ByteString blockHash) {}
