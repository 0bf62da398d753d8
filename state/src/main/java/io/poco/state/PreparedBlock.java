package io.poco.state;

import com.google.protobuf.ByteString;

/**
 * A block's writes with the root they produce, computed but not yet durable. FinalizeBlock
 * prepares; Commit persists.
 */
public interface PreparedBlock {

  long height();

  /** The Merkle root of the state after this block: the app hash. */
  ByteString root();

  /** Writes the block, its height and its root in one atomic batch. */
  void persist();
}
