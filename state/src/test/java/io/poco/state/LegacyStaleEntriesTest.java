package io.poco.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A store written when each stale node had its own {@code 's' ‖ height ‖ nodeKey} entry (before a
 * block's stale keys became one entry) still has those nodes pruned after an upgrade.
 */
class LegacyStaleEntriesTest {

  private static final int KEEP_RECENT = 2;

  private static void block(RocksDbVersionedStore store, long h) {
    StateUpdater w = store.newBlock();
    for (int k = 0; k < 20; k++) {
      w.put(ByteString.copyFromUtf8("k" + k), ByteString.copyFromUtf8("v" + h + "-" + k));
    }
    store.prepare(h, w).persist();
  }

  /** Rewrites every one-entry-per-block stale list as one entry per node, as older stores had. */
  private static int toLegacyEntries(Path dir) throws Exception {
    int converted = 0;
    try (RocksDB db = RocksDB.open(dir.toString());
        WriteBatch batch = new WriteBatch();
        WriteOptions sync = new WriteOptions().setSync(true);
        RocksIterator it = db.newIterator()) {
      for (it.seek(new byte[] {'s'}); it.isValid() && it.key()[0] == 's'; it.next()) {
        byte[] k = it.key();
        byte[] v = it.value();
        batch.delete(k);
        for (int off = 0; off < v.length; off += MerkleTree.NODE_KEY_LENGTH) {
          byte[] legacy =
              ByteBuffer.allocate(k.length + MerkleTree.NODE_KEY_LENGTH)
                  .put(k)
                  .put(v, off, MerkleTree.NODE_KEY_LENGTH)
                  .array();
          batch.put(legacy, new byte[0]);
          converted++;
        }
      }
      db.write(sync, batch);
    }
    return converted;
  }

  @Test
  void nodesListedOneEntryEachArePrunedAfterTheUpgrade() throws Exception {
    Path legacy = Files.createTempDirectory("legacy-stale");
    Path current = Files.createTempDirectory("current-stale");
    // heights 1..3 in both stores; only the first has its stale lists rewritten the old way
    for (Path dir : new Path[] {legacy, current}) {
      try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, 0, 0)) {
        for (long h = 1; h <= 3; h++) {
          block(store, h);
        }
      }
    }
    assertTrue(toLegacyEntries(legacy) > 0, "the blocks made nodes stale");
    // reopened with pruning, both go on to height 10: the same nodes must be left
    long[] nodes = new long[2];
    int i = 0;
    for (Path dir : new Path[] {legacy, current}) {
      try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, KEEP_RECENT, 0)) {
        for (long h = 4; h <= 10; h++) {
          block(store, h);
        }
        nodes[i++] = store.nodeCount();
      }
    }
    assertEquals(nodes[1], nodes[0]);
  }
}
