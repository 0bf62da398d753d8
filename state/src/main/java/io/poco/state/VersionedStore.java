package io.poco.state;

import com.google.protobuf.ByteString;
import java.util.Optional;

/**
 * The versioned, authenticated store. Exactly one block is staged at a time: {@link #newBlock()}
 * opens a write set over the last committed state, {@link #prepare} computes its root, and {@link
 * PreparedBlock#persist()} is the only durable write.
 */
public interface VersionedStore extends AutoCloseable {

  /** The last committed height, 0 before the first commit. */
  long lastHeight();

  /** The root at {@link #lastHeight()} (the empty-tree root before the first commit). */
  ByteString lastRoot();

  /** The state as of the last commit. */
  KeyValueReader latest();

  /**
   * A block's write set over the last committed state, to be handed to {@link #prepare}. A store
   * may start reading what that will need as the writes arrive.
   */
  StateUpdater newBlock();

  /** A write set over the last committed state that is never prepared (the mempool's). */
  default StateUpdater scratch() {
    return new StagedUpdater(latest());
  }

  /** Computes the root that {@code writes} produce at {@code height} = lastHeight() + 1. */
  PreparedBlock prepare(long height, StateUpdater writes);

  /**
   * Prepares writing {@code pairs} (an updater from {@link #newBlock()} holding the whole state) as
   * the state of {@code height} into this empty store: the state-sync restore. Its {@link
   * PreparedBlock#root()} must be checked against the trusted app hash before persisting.
   *
   * @throws IllegalStateException when the store is not empty
   */
  PreparedBlock restore(long height, StateUpdater pairs);

  /** The value of {@code key} at a retained {@code height}. */
  Optional<ByteString> get(long height, ByteString key);

  /** The root committed at a retained {@code height}. */
  Optional<ByteString> root(long height);

  /** The lowest height still readable. */
  long earliestRetainedHeight();

  /**
   * The value of {@code key} at a retained {@code height} with its membership or non-membership
   * proof against that height's root.
   *
   * @throws IllegalArgumentException when the height is not retained
   */
  StateProof prove(long height, ByteString key);

  /** Visits every pair at a retained {@code height}, in the order of the keys' Keccak hashes. */
  void forEach(long height, EntryVisitor visitor);

  /**
   * The lowest block height CometBFT must keep for this store's retention (ABCI {@code
   * retain_height}); 0 keeps every block.
   */
  default long retainHeight() {
    return 0;
  }

  @Override
  void close();
}
