package io.poco.bridge;

/** What {@code PocoBridge.checkpoints(number)} returns; all zero for an unknown number. */
public record StoredCheckpoint(Bytes32 appHash, Bytes32 withdrawalRoot, long endHeight) {}
