package io.poco.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDB;

/**
 * The store records the tree's storage format; a store of an older format (one binary node per
 * entry, no marker) is refused with what to do, never read as pages.
 */
class StoreFormatTest {

  private static final ByteString KEY = ByteString.copyFromUtf8("k");

  private static Path storeAtHeightOne() throws Exception {
    Path dir = Files.createTempDirectory("format");
    try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, 0, 0)) {
      StateUpdater w = store.newBlock();
      w.put(KEY, ByteString.copyFromUtf8("v"));
      store.prepare(1, w).persist();
    }
    return dir;
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
    try (RocksDB db = RocksDB.open(dir.toString())) {
      db.delete(new byte[] {'m', 'f'});
    }
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> RocksDbVersionedStore.open(dir, 0, 0));
    assertTrue(
        e.getMessage().contains("tree format 1, and this node reads format 2"), e.getMessage());
    assertTrue(e.getMessage().contains("remove the data directory"), e.getMessage());
  }

  @Test
  void aStoreOfAnotherFormatIsRefused() throws Exception {
    Path dir = storeAtHeightOne();
    try (RocksDB db = RocksDB.open(dir.toString())) {
      db.put(new byte[] {'m', 'f'}, new byte[] {3});
    }
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> RocksDbVersionedStore.open(dir, 0, 0));
    assertTrue(e.getMessage().contains("tree format 3"), e.getMessage());
  }
}
