package io.poco.state;

import com.google.protobuf.ByteString;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link VersionedStore} in memory, for fast tests. It computes the same roots as the RocksDB
 * store for the same pairs. Only the last committed version is readable.
 */
public final class InMemoryVersionedStore implements VersionedStore {

  private final NavigableMap<ByteString, ByteString> data =
      new TreeMap<>(ByteString.unsignedLexicographicalComparator());
  private final KeyValueReader view = new MapReader(data);
  private long height;
  private SetHash hash = SetHash.empty();

  @Override
  public synchronized long lastHeight() {
    return height;
  }

  @Override
  public synchronized ByteString lastRoot() {
    return hash.root();
  }

  @Override
  public KeyValueReader latest() {
    return view;
  }

  @Override
  public StateUpdater newBlock() {
    return new StagedUpdater(view);
  }

  @Override
  public synchronized PreparedBlock prepare(long blockHeight, StateUpdater writes) {
    return StagedBlock.prepare(height, hash, view, blockHeight, writes, this::persist);
  }

  private synchronized void persist(StagedBlock block) {
    if (height != block.height() - 1) {
      throw new IllegalStateException("store moved on since this block was prepared");
    }
    for (Map.Entry<ByteString, Optional<ByteString>> e : block.writes().writes().entrySet()) {
      if (e.getValue().isPresent()) {
        data.put(e.getKey(), e.getValue().get());
      } else {
        data.remove(e.getKey());
      }
    }
    hash = block.digest();
    height = block.height();
  }

  @Override
  public synchronized Optional<ByteString> get(long atHeight, ByteString key) {
    if (atHeight != height) {
      throw new IllegalArgumentException("height " + atHeight + " is not retained");
    }
    return view.get(key);
  }

  @Override
  public synchronized Optional<ByteString> root(long atHeight) {
    return atHeight == height ? Optional.of(hash.root()) : Optional.empty();
  }

  @Override
  public synchronized long earliestRetainedHeight() {
    return height;
  }

  @Override
  public void close() {}
}
