package io.poco.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/**
 * The store records the tree's storage format; a store of an older format (one binary node per
 * entry and no marker, pages in the default column family, pages of four levels, or page keys with
 * the whole 32-byte path) is refused with what to do, never read, and left as it was.
 */
class StoreFormatTest {

  private static final ByteString KEY = ByteString.copyFromUtf8("k");
  private static final byte[] FORMAT_KEY = {'m', 'f'};

  private static Path storeAtHeightOne() throws Exception {
    Path dir = Files.createTempDirectory("format");
    try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, 0, 0)) {
      StateUpdater w = store.newBlock();
      w.put(KEY, ByteString.copyFromUtf8("v"));
      store.prepare(1, w).persist();
    }
    return dir;
  }

  /** A store as a node of format 2 left it at height 1: one column family, pages under 'n'. */
  private static Path formatTwoStore() throws Exception {
    Path dir = Files.createTempDirectory("format2");
    try (Options options = new Options().setCreateIfMissing(true);
        RocksDB db = RocksDB.open(options, dir.toString())) {
      db.put(new byte[] {'m', 'h'}, ByteBuffer.allocate(8).putLong(1).array());
      db.put(FORMAT_KEY, new byte[] {2});
      db.put(new byte[] {'n', 0, 0, 0, 0, 0, 0, 0, 1, 0, 0}, new byte[] {1, 2, 3});
    }
    return dir;
  }

  /** Sets or removes (null) the format marker of a store of the current layout. */
  private static void setFormatMarker(Path dir, byte[] value) throws Exception {
    List<ColumnFamilyDescriptor> families =
        List.of(
            new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
            new ColumnFamilyDescriptor("tree".getBytes(StandardCharsets.US_ASCII)));
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions options = new DBOptions();
        RocksDB db = RocksDB.open(options, dir.toString(), families, handles)) {
      if (value == null) {
        db.delete(FORMAT_KEY);
      } else {
        db.put(FORMAT_KEY, value);
      }
      handles.forEach(ColumnFamilyHandle::close);
    }
  }

  /** Opening {@code dir} is refused with a message holding {@code expected} and the remedy. */
  private static void assertRefused(Path dir, String expected) {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> RocksDbVersionedStore.open(dir, 0, 0));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().contains("remove the data directory"), e.getMessage());
  }

  @Test
  void aStoreOfTheCurrentFormatReopens() throws Exception {
    Path dir = storeAtHeightOne();
    try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, 0, 0)) {
      assertEquals(1, store.lastHeight());
      assertEquals(Optional.of(ByteString.copyFromUtf8("v")), store.prove(1, KEY).value());
    }
  }

  @Test
  void aStoreWithoutTheFormatMarkerIsRefused() throws Exception {
    Path dir = storeAtHeightOne();
    setFormatMarker(dir, null);
    assertRefused(dir, "tree format 1, and this node reads format 5");
  }

  @Test
  void aStoreOfALaterFormatIsRefused() throws Exception {
    Path dir = storeAtHeightOne();
    setFormatMarker(dir, new byte[] {6});
    assertRefused(dir, "tree format 6");
    // the refusal closed the database: it opens again, here to put the marker back
    setFormatMarker(dir, new byte[] {5});
    try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, 0, 0)) {
      assertEquals(1, store.lastHeight());
    }
  }

  @Test
  void aStoreOfAnEarlierPagedFormatIsRefused() throws Exception {
    for (byte earlier : new byte[] {3, 4}) {
      Path dir = storeAtHeightOne();
      setFormatMarker(dir, new byte[] {earlier});
      assertRefused(
          dir, "at height 1 in tree format " + earlier + ", and this node reads format 5");
    }
  }

  @Test
  void aStoreWithPagesInTheDefaultColumnFamilyIsRefusedAndLeftAsItWas() throws Exception {
    Path dir = formatTwoStore();
    assertRefused(dir, "at height 1 in tree format 2, and this node reads format 5");
    try (Options options = new Options()) {
      // no column family was added: a node of format 2 can still open it
      assertEquals(1, RocksDB.listColumnFamilies(options, dir.toString()).size());
    }
  }

  @Test
  void anEmptyStoreOfAnOlderLayoutIsTakenOver() throws Exception {
    Path dir = Files.createTempDirectory("format-empty");
    try (Options options = new Options().setCreateIfMissing(true);
        RocksDB db = RocksDB.open(options, dir.toString())) {
      db.put(FORMAT_KEY, new byte[] {2});
    }
    try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, 0, 0)) {
      assertEquals(0, store.lastHeight());
      StateUpdater w = store.newBlock();
      w.put(KEY, ByteString.copyFromUtf8("v"));
      store.prepare(1, w).persist();
    }
    try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, 0, 0)) {
      assertEquals(1, store.lastHeight());
    }
  }
}
