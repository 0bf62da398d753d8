package io.poco.state;

import com.google.protobuf.ByteString;

/**
 * Staged writes over a parent view. Reads see this updater's own writes first, then the parent. A
 * nested updater is committed into its parent (or reverted) as a unit, so a failed transaction's
 * writes vanish without touching the rest of the block.
 */
public interface StateUpdater extends KeyValueReader {

  void put(ByteString key, ByteString value);

  void delete(ByteString key);

  /** A child updater staging over this one. */
  StateUpdater nested();

  /** Pushes this (nested) updater's writes into its parent. */
  void commit();

  /** Drops every write staged in this updater. */
  void revert();
}
