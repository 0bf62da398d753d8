package io.poco.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Reads and proofs at old heights; pruning drops exactly the heights out of retention. */
class VersionsAndPruningTest {

  private static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  /** Block h writes key (h % 50) = "v"+h, deletes key ((h * 7) % 50) on every 3rd block. */
  private static Map<ByteString, ByteString> applyBlock(
      VersionedStore store, long h, Map<ByteString, ByteString> model) {
    StateUpdater w = store.newBlock();
    w.put(b("k" + (h % 50)), b("v" + h));
    model.put(b("k" + (h % 50)), b("v" + h));
    if (h % 3 == 0) {
      w.delete(b("k" + ((h * 7) % 50)));
      model.remove(b("k" + ((h * 7) % 50)));
    }
    store.prepare(h, w).persist();
    return new HashMap<>(model);
  }

  @Test
  void everyHeightIsReadableAndProvableWithoutPruning() throws Exception {
    Path dir = Files.createTempDirectory("versions");
    Map<Long, Map<ByteString, ByteString>> history = new HashMap<>();
    Map<ByteString, ByteString> model =
        new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, 0, 0)) {
      for (long h = 1; h <= 120; h++) {
        history.put(h, applyBlock(store, h, model));
      }
      assertEquals(1, store.earliestRetainedHeight());
      assertEquals(0, store.retainHeight());
      for (long h = 1; h <= 120; h += 7) {
        for (int k = 0; k < 50; k++) {
          ByteString key = b("k" + k);
          Optional<ByteString> expected = Optional.ofNullable(history.get(h).get(key));
          assertEquals(expected, store.get(h, key), "key " + k + " at " + h);
          StateProof p = store.prove(h, key);
          assertEquals(expected, p.value());
          assertEquals(store.root(h).orElseThrow(), p.root());
          assertTrue(p.verify());
        }
      }
    }
  }

  @Test
  void pruningKeepsRecentAndEveryNthHeightsAndDeletesStaleNodes() throws Exception {
    Path dir = Files.createTempDirectory("prune");
    Path full = Files.createTempDirectory("noprune");
    Map<Long, Map<ByteString, ByteString>> history = new HashMap<>();
    Map<ByteString, ByteString> model =
        new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    Map<ByteString, ByteString> model2 =
        new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    List<Long> nodeCounts = new ArrayList<>();
    try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, 10, 25);
        RocksDbVersionedStore all = RocksDbVersionedStore.open(full, 0, 0)) {
      for (long h = 1; h <= 200; h++) {
        history.put(h, applyBlock(store, h, model));
        applyBlock(all, h, model2);
        assertEquals(all.lastRoot(), store.lastRoot());
        if (h % 50 == 0) {
          nodeCounts.add(store.nodeCount());
        }
      }
      assertEquals(191, store.retainHeight());
      assertEquals(25, store.earliestRetainedHeight());
      for (long h = 1; h <= 200; h++) {
        boolean retained = h > 190 || h % 25 == 0;
        assertEquals(retained, store.root(h).isPresent(), "height " + h);
        if (!retained) {
          long height = h;
          assertThrows(IllegalArgumentException.class, () -> store.prove(height, b("k1")));
          continue;
        }
        assertEquals(all.root(h), store.root(h));
        for (int k = 0; k < 50; k++) {
          ByteString key = b("k" + k);
          StateProof p = store.prove(h, key);
          assertEquals(Optional.ofNullable(history.get(h).get(key)), p.value());
          assertTrue(p.verify());
        }
      }
      // the pruned store holds far fewer nodes than the unpruned one, and it does not keep growing
      // with the recent window (only by the few kept-every-25 versions)
      assertTrue(
          store.nodeCount() * 2 < all.nodeCount(), store.nodeCount() + " vs " + all.nodeCount());
      assertFalse(nodeCounts.get(3) > nodeCounts.get(1) * 2, nodeCounts.toString());
    }
    // reopened, the retention and reads are the same
    try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, 10, 25)) {
      assertEquals(200, store.lastHeight());
      assertTrue(store.prove(50, b("k3")).verify());
      assertTrue(store.root(189).isEmpty());
    }
  }

  @Test
  void keepRecentOfOneKeepsOnlyTheLatestTree() throws Exception {
    Path dir = Files.createTempDirectory("prune1");
    Map<ByteString, ByteString> model =
        new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, 1, 0)) {
      for (long h = 1; h <= 100; h++) {
        applyBlock(store, h, model);
      }
      assertEquals(100, store.earliestRetainedHeight());
      // exactly the nodes of the latest tree remain: as many as a fresh store of the same pairs
      try (RocksDbVersionedStore fresh =
          RocksDbVersionedStore.open(Files.createTempDirectory("fresh"), 1, 0)) {
        StateUpdater w = fresh.newBlock();
        model.forEach(w::put);
        fresh.prepare(1, w).persist();
        assertEquals(fresh.lastRoot(), store.lastRoot());
        assertEquals(fresh.nodeCount(), store.nodeCount());
      }
      for (var e : model.entrySet()) {
        assertEquals(Optional.of(e.getValue()), store.prove(100, e.getKey()).value());
      }
    }
  }
}
