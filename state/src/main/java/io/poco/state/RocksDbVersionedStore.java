package io.poco.state;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The state on RocksDB. Pairs live under {@code 'd' ‖ key}; the height and the set digest under
 * {@code 'm' ‖ name}. Each block is one synced {@link WriteBatch} holding its pairs, its height and
 * its digest, so after a crash the store is at the previous or the new height, never between. Only
 * the last committed version is readable (versions, pruning and proofs come with the Merkle store).
 */
public final class RocksDbVersionedStore implements VersionedStore {

  static {
    RocksDB.loadLibrary();
  }

  private static final byte DATA = 'd';
  private static final byte[] META_HEIGHT = {'m', 'h'};
  private static final byte[] META_HASH = {'m', 's'};

  private final RocksDB db;
  private final Options options;
  private final KeyValueReader view;
  private long height;
  private SetHash hash;

  private RocksDbVersionedStore(RocksDB db, Options options) throws RocksDBException {
    this.db = db;
    this.options = options;
    this.view = new Reader();
    byte[] h = db.get(META_HEIGHT);
    byte[] s = db.get(META_HASH);
    this.height = h == null ? 0 : ByteBuffer.wrap(h).getLong();
    this.hash = s == null ? SetHash.empty() : SetHash.decode(ByteString.copyFrom(s));
  }

  /**
   * Opens (or creates) the store in {@code dir}. The retention arguments are accepted for the
   * configuration's sake; this store keeps only the latest version.
   */
  public static RocksDbVersionedStore open(Path dir, long keepRecent, long keepEvery) {
    try {
      Files.createDirectories(dir);
      Options options = new Options().setCreateIfMissing(true);
      return new RocksDbVersionedStore(RocksDB.open(options, dir.toString()), options);
    } catch (RocksDBException | java.io.IOException e) {
      throw new IllegalStateException(
          "cannot open the state store in " + dir + ": " + e.getMessage(), e);
    }
  }

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
    return StagedBlock.prepare(height, hash, view, blockHeight, writes, this::persistBlock);
  }

  private synchronized void persistBlock(StagedBlock block) {
    long blockHeight = block.height();
    SetHash next = block.digest();
    if (height != blockHeight - 1) {
      throw new IllegalStateException("store moved on since this block was prepared");
    }
    try (WriteBatch batch = new WriteBatch();
        WriteOptions sync = new WriteOptions().setSync(true)) {
      for (Map.Entry<ByteString, Optional<ByteString>> e : block.writes().writes().entrySet()) {
        byte[] key = dataKey(e.getKey());
        if (e.getValue().isPresent()) {
          batch.put(key, e.getValue().get().toByteArray());
        } else {
          batch.delete(key);
        }
      }
      batch.put(META_HEIGHT, ByteBuffer.allocate(8).putLong(blockHeight).array());
      batch.put(META_HASH, next.encode().toByteArray());
      db.write(sync, batch);
    } catch (RocksDBException e) {
      throw new IllegalStateException(
          "cannot persist block " + blockHeight + ": " + e.getMessage(), e);
    }
    height = blockHeight;
    hash = next;
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
  public synchronized void close() {
    db.close();
    options.close();
  }

  private static byte[] dataKey(ByteString key) {
    byte[] out = new byte[key.size() + 1];
    out[0] = DATA;
    key.copyTo(out, 1);
    return out;
  }

  /** Reads the committed pairs. */
  private final class Reader implements KeyValueReader {

    @Override
    public Optional<ByteString> get(ByteString key) {
      try {
        byte[] v = db.get(dataKey(key));
        return v == null ? Optional.empty() : Optional.of(ByteString.copyFrom(v));
      } catch (RocksDBException e) {
        throw new IllegalStateException("state read failed: " + e.getMessage(), e);
      }
    }

    @Override
    public void scan(ByteString prefix, ByteString start, int limit, EntryVisitor visitor) {
      ByteString from =
          ByteString.unsignedLexicographicalComparator().compare(start, prefix) < 0
              ? prefix
              : start;
      try (RocksIterator it = db.newIterator()) {
        int n = 0;
        for (it.seek(dataKey(from)); it.isValid(); it.next()) {
          byte[] k = it.key();
          ByteString key = ByteString.copyFrom(k, 1, k.length - 1);
          if (k[0] != DATA || !key.startsWith(prefix)) {
            return;
          }
          if (n++ >= limit || !visitor.visit(key, ByteString.copyFrom(it.value()))) {
            return;
          }
        }
      }
    }
  }
}
