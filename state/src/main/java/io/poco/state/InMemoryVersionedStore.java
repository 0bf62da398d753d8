package io.poco.state;

import com.google.protobuf.ByteString;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link VersionedStore} in memory, for fast tests. It builds the same Merkle tree, hence the
 * same roots and proofs, as the RocksDB store for the same pairs, and keeps every version (no
 * pruning).
 */
public final class InMemoryVersionedStore implements VersionedStore {

  private final NavigableMap<ByteString, ByteString> data =
      new TreeMap<>(ByteString.unsignedLexicographicalComparator());
  private final KeyValueReader view = new MapReader(data);

  /**
   * Looked up by key only, never iterated. Read without the store's lock: a large block's tree
   * update reads on two threads while {@link #prepare} holds it.
   */
  private final Map<ByteString, byte[]> nodes = new ConcurrentHashMap<>();

  private final NavigableMap<Long, MerkleTree.Ref> roots = new TreeMap<>();
  private long height;

  private byte[] node(byte[] nodeKey) {
    return nodes.get(ByteString.copyFrom(nodeKey));
  }

  @Override
  public synchronized long lastHeight() {
    return height;
  }

  @Override
  public synchronized ByteString lastRoot() {
    return ByteString.copyFrom(lastRef().hash());
  }

  private MerkleTree.Ref lastRef() {
    return height == 0 ? MerkleTree.Ref.NONE : roots.get(height);
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
    return StagedBlock.prepare(height, lastRef(), this::node, blockHeight, writes, this::persist);
  }

  @Override
  public synchronized PreparedBlock restore(long atHeight, StateUpdater pairs) {
    return StagedBlock.restore(height, this::node, atHeight, pairs, this::persist);
  }

  private synchronized void persist(StagedBlock block) {
    if (height != block.previousHeight()) {
      throw new IllegalStateException("store moved on since this block was prepared");
    }
    for (Map.Entry<ByteString, Optional<ByteString>> e : block.writes().writes().entrySet()) {
      if (e.getValue().isPresent()) {
        data.put(e.getKey(), e.getValue().get());
      } else {
        data.remove(e.getKey());
      }
    }
    for (byte[][] n : block.update().nodes()) {
      nodes.put(ByteString.copyFrom(n[0]), n[1]);
    }
    roots.put(block.height(), block.update().root());
    height = block.height();
  }

  private synchronized MerkleTree.Ref retained(long atHeight) {
    MerkleTree.Ref ref = roots.get(atHeight);
    if (ref == null) {
      throw new IllegalArgumentException("height " + atHeight + " is not retained");
    }
    return ref;
  }

  @Override
  public Optional<ByteString> get(long atHeight, ByteString key) {
    return MerkleTree.get(this::node, retained(atHeight), key);
  }

  @Override
  public StateProof prove(long atHeight, ByteString key) {
    MerkleTree.Ref ref = retained(atHeight);
    MerkleTree.Proven p = MerkleTree.prove(this::node, ref, key);
    return new StateProof(
        atHeight, key, p.value(), ByteString.copyFrom(ref.hash()), ByteString.copyFrom(p.proof()));
  }

  @Override
  public void forEach(long atHeight, EntryVisitor visitor) {
    MerkleTree.forEach(this::node, retained(atHeight), visitor);
  }

  @Override
  public synchronized Optional<ByteString> root(long atHeight) {
    MerkleTree.Ref ref = roots.get(atHeight);
    return ref == null ? Optional.empty() : Optional.of(ByteString.copyFrom(ref.hash()));
  }

  @Override
  public synchronized long earliestRetainedHeight() {
    return roots.isEmpty() ? 0 : roots.firstKey();
  }

  @Override
  public void close() {}
}
