package io.poco.state.snapshot;

import com.google.protobuf.ByteString;

/**
 * A snapshot as CometBFT sees it: {@code metadata} = the root (32 bytes) followed by the SHA-256 of
 * each chunk; {@code hash} = SHA-256 of the metadata.
 */
public record SnapshotInfo(
    long height, int format, int chunks, ByteString hash, ByteString metadata) {}
