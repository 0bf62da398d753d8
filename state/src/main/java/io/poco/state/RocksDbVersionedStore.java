package io.poco.state;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.rocksdb.AbstractNativeReference;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The state on RocksDB, in two column families. The tree's column ({@link #TREE}) holds its nodes:
 * {@code version ‖ depth ‖ path} → a page of the Merkle tree, and {@code version ‖ 0xffff ‖
 * keyHash} → one of its leaves ({@link MerkleTree}). Their keys start with the version that wrote
 * them, so each memtable flushed from this column covers versions no other file holds, and
 * RocksDB's compactions move its files down instead of rewriting them (docs/decisions/0011). The
 * default column holds the rest, split by a first byte:
 *
 * <ul>
 *   <li>{@code 'd' ‖ key} → value: the latest pairs, for fast reads and ordered scans;
 *   <li>{@code 'r' ‖ height} → the root reference of each retained height;
 *   <li>{@code 's' ‖ height} → the node keys of the pages and leaves made stale at that height, one
 *       after the other, awaiting pruning: one entry per block, not one per node;
 *   <li>{@code 'm' 'h'} → the last committed height;
 *   <li>{@code 'm' 'f'} → the format of the stored tree ({@link #FORMAT}).
 * </ul>
 *
 * <p>Each block is one synced {@link WriteBatch} holding its pairs, its pages and leaves, its stale
 * list, its root, the pruning deletes and its height, so after a crash the store is at the previous
 * or the new height, never between. With {@code keepRecent > 0}, heights older than the last {@code
 * keepRecent} are dropped unless they are multiples of {@code keepEvery} (0 = none kept), and the
 * tree nodes no retained height reaches are deleted; {@code keepRecent = 0} keeps every height.
 */
public final class RocksDbVersionedStore implements VersionedStore {

  static {
    RocksDB.loadLibrary();
  }

  /**
   * Tree pages are read at random: a block cache and bloom filters keep those reads cheap. Files
   * are not compressed: a page is mostly Keccak-256 hashes, which do not compress, and every read
   * that misses the cache would pay the decompression (at 10^7 tasks, 10 % of a block's time).
   *
   * <p>The index and filter blocks stay with their open files rather than in this cache, so a read
   * that probes several levels of the LSM tree pays no cache look-up for them and data blocks
   * cannot evict them (72 MB beside the 7.6 GB of files that 10^7 tasks fill, outside this bound).
   * The memtable has a bloom filter over whole keys, so the many reads of pages that are not in it
   * skip its skip-list search. Both took a warm 10^7 block from 233–249 ms to 218–239 ms (execution
   * benchmark, 2026-11-23, README).
   */
  private static final long BLOCK_CACHE_BYTES = 256L << 20;

  /** The memtable's bloom filter, as a share of the memtable's size. */
  private static final double MEMTABLE_BLOOM_RATIO = 0.1;

  /** The name of the column family of the tree's pages and leaves. */
  private static final byte[] TREE = "tree".getBytes(StandardCharsets.US_ASCII);

  private static final byte DATA = 'd';
  private static final byte ROOT = 'r';
  private static final byte STALE = 's';
  private static final byte[] META_HEIGHT = {'m', 'h'};
  private static final byte[] META_FORMAT = {'m', 'f'};

  /**
   * The layout of the tree's stored nodes: 1 (no marker) stored one binary node per entry, 2 stored
   * pages of four levels and leaves apart in the default column family under {@code 'n'}, 3 moved
   * them to their own column family ({@link #TREE}), 4 stored pages of three levels there, 5 keys a
   * page by the bytes of its path its depth covers, not 32, and leaves its root's hash to the
   * reference that names it ({@link MerkleTree}).
   */
  private static final byte FORMAT = 5;

  private static final byte[] FORMAT_VALUE = {FORMAT};

  private final RocksDB db;

  /** The column family of the tree's pages and leaves. */
  private final ColumnFamilyHandle tree;

  /** The column family handles: closed before the database. */
  private final List<ColumnFamilyHandle> handles;

  /** The options, block cache and filter: closed after the database. */
  private final List<AbstractNativeReference> resources;

  private final KeyValueReader view;

  /**
   * Reads of tree pages leave RocksDB's block cache as it is. A page an update reads lies on a path
   * the block rewrites, so later blocks read the new page under its new key, never this one. At
   * 10^7 tasks most of these reads miss the cache, so filling it cost an insert and an eviction per
   * read for nothing (measured only together with the nodes' key order in the batch: README,
   * execution benchmark, 2026-12-05).
   */
  private final ReadOptions treeReads = new ReadOptions().setFillCache(false);

  /**
   * The thread that reads ahead the tree paths of the staged block's writes ({@link PathWarmer}).
   */
  private final ExecutorService warming =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread t = new Thread(task, "state-path-warmer");
            t.setDaemon(true);
            return t;
          });

  private final long keepRecent;
  private final long keepEvery;
  private volatile Consumer<String> stepHook = step -> {};
  private long height;
  private MerkleTree.Ref root;

  /**
   * Every stale entry and root below this height has been pruned (in this process): pruning seeks
   * here instead of walking over the tombstones its earlier passes left.
   */
  private long pruneFloor;

  private RocksDbVersionedStore(
      RocksDB db,
      List<ColumnFamilyHandle> handles,
      List<AbstractNativeReference> resources,
      long keepRecent,
      long keepEvery)
      throws RocksDBException {
    this.db = db;
    this.handles = handles;
    this.tree = handles.get(1);
    this.resources = resources;
    this.keepRecent = keepRecent;
    this.keepEvery = keepEvery;
    this.view = new Reader();
    this.height = storedHeight(db.get(META_HEIGHT));
    byte[] format = db.get(META_FORMAT);
    if (format == null || format[0] != FORMAT) {
      if (height > 0) {
        throw otherFormat(height, format);
      }
      db.put(META_FORMAT, FORMAT_VALUE); // an empty store: it takes this node's format
    }
    if (height == 0) {
      root = MerkleTree.Ref.NONE;
    } else {
      byte[] r = db.get(rootKey(height));
      if (r == null) {
        throw new IllegalStateException(
            "the state store is at height "
                + height
                + " but has no Merkle root for it: the store is damaged; remove the data directory"
                + " and replay the chain, or join by state sync");
      }
      root = MerkleTree.Ref.decode(r);
    }
  }

  /**
   * Opens (or creates) the store in {@code dir}, keeping the last {@code keepRecent} heights (0 =
   * all) and every {@code keepEvery}-th height (0 = none beyond the recent ones).
   */
  public static RocksDbVersionedStore open(Path dir, long keepRecent, long keepEvery) {
    if (keepRecent < 0 || keepEvery < 0) {
      throw new IllegalArgumentException("pruning keep_recent and keep_every must be >= 0");
    }
    try {
      Files.createDirectories(dir);
      refuseWithoutTreeColumn(dir);
      LRUCache cache = new LRUCache(BLOCK_CACHE_BYTES);
      BloomFilter filter = new BloomFilter(10);
      ColumnFamilyOptions columns =
          new ColumnFamilyOptions()
              .setCompressionType(CompressionType.NO_COMPRESSION)
              .setMemtablePrefixBloomSizeRatio(MEMTABLE_BLOOM_RATIO)
              .setMemtableWholeKeyFiltering(true)
              .setTableFormatConfig(
                  new BlockBasedTableConfig()
                      .setFilterPolicy(filter)
                      .setBlockCache(cache)
                      .setCacheIndexAndFilterBlocks(false));
      DBOptions options =
          new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
      List<AbstractNativeReference> resources = List.of(options, columns, cache, filter);
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      RocksDB db = null;
      try {
        db = RocksDB.open(options, dir.toString(), families(columns), handles);
        return new RocksDbVersionedStore(db, handles, resources, keepRecent, keepEvery);
      } catch (RocksDBException | RuntimeException e) {
        // refused (another format), unreadable or not opened: release everything, the lock too
        handles.forEach(ColumnFamilyHandle::close);
        if (db != null) {
          db.close();
        }
        resources.forEach(AbstractNativeReference::close);
        throw e;
      }
    } catch (RocksDBException | java.io.IOException e) {
      throw new IllegalStateException(
          "cannot open the state store in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The default column family, then the tree's, both with {@code columns}. */
  private static List<ColumnFamilyDescriptor> families(ColumnFamilyOptions columns) {
    return List.of(
        new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, columns),
        new ColumnFamilyDescriptor(TREE, columns));
  }

  /**
   * Refuses a store of format 1 or 2, which has no tree column family, before opening it would add
   * one (an older node could no longer open it then). An empty store of that kind is fine.
   */
  private static void refuseWithoutTreeColumn(Path dir) throws RocksDBException {
    if (!Files.exists(dir.resolve("CURRENT"))) {
      return;
    }
    try (Options probe = new Options()) {
      for (byte[] family : RocksDB.listColumnFamilies(probe, dir.toString())) {
        if (Arrays.equals(family, TREE)) {
          return;
        }
      }
      try (RocksDB old = RocksDB.openReadOnly(probe, dir.toString())) {
        long height = storedHeight(old.get(META_HEIGHT));
        if (height > 0) {
          throw otherFormat(height, old.get(META_FORMAT));
        }
      }
    }
  }

  /** The value of {@code 'm' 'h'} as a height, 0 when it is missing (an empty store). */
  private static long storedHeight(byte[] value) {
    return value == null ? 0 : ByteBuffer.wrap(value).getLong();
  }

  /** The value of {@code 'm' 'h'} for {@code height}: what {@link #storedHeight} reads. */
  private static byte[] heightValue(long height) {
    return ByteBuffer.allocate(8).putLong(height).array();
  }

  private static IllegalStateException otherFormat(long height, byte[] format) {
    return new IllegalStateException(
        "the state store is at height "
            + height
            + " in tree format "
            + (format == null ? 1 : format[0])
            + ", and this node reads format "
            + FORMAT
            + ": remove the data directory and replay the chain, or join by state sync");
  }

  /**
   * Writes {@code sorted} as the whole state of {@code height} into a new, empty store in {@code
   * dir}, without going through blocks: the tree is built bottom-up in one pass ({@link
   * BulkTreeBuilder}), giving exactly the root and the tree nodes that committing the same pairs in
   * one block at {@code height} gives, and the pairs and nodes go to RocksDB in large batches
   * without the write-ahead log and with compaction deferred to one final pass. For benchmarks and
   * tooling that need a large state fast; the result opens with {@link #open} like any store.
   *
   * <p>The height marker is written last, after the data is flushed to disk: a load that crashes
   * leaves a directory that {@link #open} sees as height 0 and this method refuses (not empty);
   * remove it and load again.
   *
   * @param sorted the pairs, in strictly increasing order of {@code keccak256(key)}
   * @return the root of {@code height}
   * @throws IllegalArgumentException when the pairs are out of order, or {@code height < 1}
   * @throws IllegalStateException when {@code dir} already holds data
   */
  public static ByteString bulkLoad(
      Path dir, long height, Iterator<Map.Entry<ByteString, ByteString>> sorted) {
    if (height < 1) {
      throw new IllegalArgumentException("bulk load at height " + height + " (must be >= 1)");
    }
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (BloomFilter filter = new BloomFilter(10);
        ColumnFamilyOptions columns =
            new ColumnFamilyOptions()
                .setCompressionType(CompressionType.NO_COMPRESSION)
                // the same filters as open(), so the compacted files carry them
                .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(filter))
                .setDisableAutoCompactions(true)
                .setWriteBufferSize(128L << 20)
                .setMaxWriteBufferNumber(4)
                .setLevel0SlowdownWritesTrigger(1 << 30)
                .setLevel0StopWritesTrigger(1 << 30)
                .setSoftPendingCompactionBytesLimit(0)
                .setHardPendingCompactionBytesLimit(0);
        DBOptions options =
            new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        RocksDB db = RocksDB.open(options, dir.toString(), families(columns), handles);
        WriteOptions noWal = new WriteOptions().setDisableWAL(true);
        FlushOptions wait = new FlushOptions().setWaitForFlush(true)) {
      try {
        for (ColumnFamilyHandle family : handles) {
          try (RocksIterator it = db.newIterator(family)) {
            it.seekToFirst();
            if (it.isValid()) {
              throw new IllegalStateException(
                  "bulk load into " + dir + ", which already holds data");
            }
          }
        }
        BatchSink sink = new BatchSink(db, handles, noWal);
        MerkleTree.Ref root = BulkTreeBuilder.build(sorted, height, sink);
        sink.finish();
        db.flush(wait, handles);
        try (WriteBatch last = new WriteBatch();
            WriteOptions sync = new WriteOptions().setSync(true)) {
          last.put(rootKey(height), root.encode());
          last.put(META_FORMAT, FORMAT_VALUE);
          last.put(META_HEIGHT, heightValue(height));
          db.write(sync, last);
        }
        db.flush(wait, handles);
        for (ColumnFamilyHandle family : handles) {
          db.compactRange(family);
        }
        return ByteString.copyFrom(root.hash());
      } finally {
        // before the database closes
        handles.forEach(ColumnFamilyHandle::close);
      }
    } catch (RocksDBException e) {
      throw new IllegalStateException("bulk load into " + dir + " failed: " + e.getMessage(), e);
    }
  }

  /** Puts pairs and nodes into write batches of a few MB, written without the WAL. */
  private static final class BatchSink implements BulkTreeBuilder.Sink {
    private final RocksDB db;
    private final ColumnFamilyHandle data;
    private final ColumnFamilyHandle tree;
    private final WriteOptions options;
    private WriteBatch batch = new WriteBatch();
    private int entries;

    /** {@code handles}: the default column family, then the tree's. */
    BatchSink(RocksDB db, List<ColumnFamilyHandle> handles, WriteOptions options) {
      this.db = db;
      this.data = handles.get(0);
      this.tree = handles.get(1);
      this.options = options;
    }

    @Override
    public void pair(ByteString key, ByteString value) {
      put(data, dataKey(key), value.toByteArray());
    }

    @Override
    public void node(byte[] nodeKey, byte[] value) {
      put(tree, nodeKey, value);
    }

    private void put(ColumnFamilyHandle family, byte[] key, byte[] value) {
      try {
        batch.put(family, key, value);
        if (++entries == 50_000) {
          flushBatch();
        }
      } catch (RocksDBException e) {
        throw new IllegalStateException("bulk load write failed: " + e.getMessage(), e);
      }
    }

    private void flushBatch() throws RocksDBException {
      try (WriteBatch full = batch) {
        db.write(options, full);
      }
      batch = new WriteBatch();
      entries = 0;
    }

    void finish() throws RocksDBException {
      try (WriteBatch rest = batch) {
        db.write(options, rest);
      }
    }
  }

  /** Test hook called before each step of a commit; a throwing hook simulates a crash there. */
  void stepHook(Consumer<String> hook) {
    this.stepHook = hook;
  }

  @Override
  public synchronized long lastHeight() {
    return height;
  }

  @Override
  public synchronized ByteString lastRoot() {
    return ByteString.copyFrom(root.hash());
  }

  @Override
  public KeyValueReader latest() {
    return view;
  }

  /** The block's write set; the tree paths of its writes are read ahead ({@link PathWarmer}). */
  @Override
  public synchronized StateUpdater newBlock() {
    return new StagedUpdater(view, new PathWarmer(this::nodes, root, warming));
  }

  @Override
  public synchronized PreparedBlock prepare(long blockHeight, StateUpdater writes) {
    return StagedBlock.prepare(height, root, this::node, blockHeight, writes, this::persistBlock);
  }

  @Override
  public synchronized PreparedBlock restore(long atHeight, StateUpdater pairs) {
    return StagedBlock.restore(height, this::node, atHeight, pairs, this::persistBlock);
  }

  private byte[] node(byte[] nodeKey) {
    try {
      return db.get(tree, treeReads, nodeKey);
    } catch (RocksDBException e) {
      throw new IllegalStateException("state read failed: " + e.getMessage(), e);
    }
  }

  private List<byte[]> nodes(List<byte[]> nodeKeys) {
    try {
      return db.multiGetAsList(treeReads, Collections.nCopies(nodeKeys.size(), tree), nodeKeys);
    } catch (RocksDBException e) {
      throw new IllegalStateException("state read failed: " + e.getMessage(), e);
    }
  }

  private synchronized void persistBlock(StagedBlock block) {
    long blockHeight = block.height();
    MerkleTree.Update update = block.update();
    if (height != block.previousHeight()) {
      throw new IllegalStateException("store moved on since this block was prepared");
    }
    Consumer<String> hook = stepHook;
    try (WriteBatch batch = new WriteBatch();
        WriteOptions sync = new WriteOptions().setSync(true)) {
      hook.accept("data");
      for (Map.Entry<ByteString, Optional<ByteString>> e : block.writes().writes().entrySet()) {
        byte[] key = dataKey(e.getKey());
        if (e.getValue().isPresent()) {
          batch.put(key, e.getValue().get().toByteArray());
        } else {
          batch.delete(key);
        }
      }
      hook.accept("nodes");
      // in key order, so the memtable inserts each one next to the one before
      for (byte[][] n : update.nodes()) {
        batch.put(tree, n[0], n[1]);
      }
      hook.accept("stale");
      long firstRecent = keepRecent == 0 ? 0 : blockHeight - keepRecent + 1;
      if (blockHeight <= firstRecent) {
        // keepRecent = 1: the replaced nodes' last version is already out of the window
        for (byte[] stale : update.stale()) {
          pruneNode(batch, stale, blockHeight);
        }
      } else if (!update.stale().isEmpty()) {
        batch.put(heightKey(STALE, blockHeight), MerkleTree.joinNodeKeys(update.stale()));
      }
      hook.accept("prune");
      if (firstRecent > 1) {
        prune(batch, firstRecent);
      }
      hook.accept("root");
      batch.put(rootKey(blockHeight), update.root().encode());
      hook.accept("height");
      batch.put(META_HEIGHT, heightValue(blockHeight));
      hook.accept("write");
      db.write(sync, batch);
    } catch (RocksDBException e) {
      throw new IllegalStateException(
          "cannot persist block " + blockHeight + ": " + e.getMessage(), e);
    }
    hook.accept("memory");
    height = blockHeight;
    root = update.root();
    if (keepRecent > 0) {
      // every stale entry since <= firstRecent and every root below firstRecent is gone now
      pruneFloor = Math.max(pruneFloor, blockHeight - keepRecent + 1);
    }
  }

  /** Deletes what only heights below {@code firstRecent} (and not kept every N) reach. */
  private void prune(WriteBatch batch, long firstRecent) throws RocksDBException {
    try (RocksIterator it = db.newIterator()) {
      for (it.seek(heightKey(STALE, pruneFloor)); it.isValid(); it.next()) {
        byte[] k = it.key();
        if (k[0] != STALE) {
          break;
        }
        long since = ByteBuffer.wrap(k, 1, 8).getLong();
        if (since > firstRecent) {
          break;
        }
        for (byte[] stale : MerkleTree.splitNodeKeys(it.value())) {
          pruneNode(batch, stale, since);
        }
        batch.delete(k);
      }
      for (it.seek(heightKey(ROOT, pruneFloor)); it.isValid(); it.next()) {
        byte[] k = it.key();
        if (k[0] != ROOT) {
          break;
        }
        long v = ByteBuffer.wrap(k, 1, 8).getLong();
        if (v >= firstRecent) {
          break;
        }
        if (!keptEvery(v)) {
          batch.delete(k);
        }
      }
    }
  }

  private static byte[] heightKey(byte prefix, long h) {
    return ByteBuffer.allocate(9).put(prefix).putLong(h).array();
  }

  /** Deletes a node live in [created, since - 1] unless a kept-every height lies in that range. */
  private void pruneNode(WriteBatch batch, byte[] nodeKey, long since) throws RocksDBException {
    long created = MerkleTree.versionOf(nodeKey);
    boolean kept = keepEvery > 0 && ((since - 1) / keepEvery) * keepEvery >= created;
    if (!kept) {
      batch.delete(tree, nodeKey);
    }
  }

  private boolean keptEvery(long v) {
    return keepEvery > 0 && v % keepEvery == 0;
  }

  private MerkleTree.Ref retained(long atHeight) {
    Optional<MerkleTree.Ref> ref = rootRef(atHeight);
    if (ref.isEmpty()) {
      throw new IllegalArgumentException("height " + atHeight + " is not retained");
    }
    return ref.get();
  }

  private Optional<MerkleTree.Ref> rootRef(long atHeight) {
    if (atHeight <= 0) {
      return Optional.empty();
    }
    try {
      byte[] r = db.get(rootKey(atHeight));
      return r == null ? Optional.empty() : Optional.of(MerkleTree.Ref.decode(r));
    } catch (RocksDBException e) {
      throw new IllegalStateException("state read failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<ByteString> get(long atHeight, ByteString key) {
    synchronized (this) {
      if (atHeight == height) {
        return view.get(key);
      }
    }
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
  public Optional<ByteString> root(long atHeight) {
    return rootRef(atHeight).map(r -> ByteString.copyFrom(r.hash()));
  }

  @Override
  public synchronized long earliestRetainedHeight() {
    try (RocksIterator it = db.newIterator()) {
      it.seek(new byte[] {ROOT});
      if (it.isValid() && it.key()[0] == ROOT) {
        return ByteBuffer.wrap(it.key(), 1, 8).getLong();
      }
      return 0;
    }
  }

  @Override
  public synchronized long retainHeight() {
    return keepRecent == 0 ? 0 : Math.max(0, height - keepRecent + 1);
  }

  /**
   * Visits every entry of the default column family, raw keys and values in key order (for layout
   * tests).
   */
  synchronized void forEachRaw(BiConsumer<byte[], byte[]> visitor) {
    forEach(db.getDefaultColumnFamily(), visitor);
  }

  /** Visits every stored page and leaf, by node key in key order (for layout tests). */
  synchronized void forEachNode(BiConsumer<byte[], byte[]> visitor) {
    forEach(tree, visitor);
  }

  private void forEach(ColumnFamilyHandle family, BiConsumer<byte[], byte[]> visitor) {
    try (RocksIterator it = db.newIterator(family)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        visitor.accept(it.key(), it.value());
      }
    }
  }

  /** The number of stored tree nodes (for pruning tests). */
  synchronized long nodeCount() {
    long[] n = {0};
    forEachNode((k, v) -> n[0]++);
    return n[0];
  }

  /** Whether the warming thread has stopped (after {@link #close}, for tests). */
  boolean warmingStopped() {
    return warming.isTerminated();
  }

  @Override
  public synchronized void close() {
    warming.shutdownNow();
    try {
      if (!warming.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the state store's warming thread did not stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing the state store", e);
    }
    handles.forEach(ColumnFamilyHandle::close);
    db.close();
    treeReads.close();
    resources.forEach(AbstractNativeReference::close);
  }

  private static byte[] dataKey(ByteString key) {
    byte[] out = new byte[key.size() + 1];
    out[0] = DATA;
    key.copyTo(out, 1);
    return out;
  }

  private static byte[] rootKey(long h) {
    return ByteBuffer.allocate(9).put(ROOT).putLong(h).array();
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
