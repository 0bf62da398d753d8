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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
      // the pruned store holds exactly the pages and leaves its retained heights reach, fewer than
      // the unpruned one, and it does not keep growing with the recent window (only by the few
      // kept-every-25 versions)
      assertStoresExactlyWhatRetainedHeightsReach(store);
      assertStoresExactlyWhatRetainedHeightsReach(all);
      assertTrue(store.nodeCount() < all.nodeCount(), store.nodeCount() + " vs " + all.nodeCount());
      assertFalse(nodeCounts.get(3) > nodeCounts.get(1) * 2, nodeCounts.toString());
    }
    // reopened, the retention and reads are the same
    try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, 10, 25)) {
      assertEquals(200, store.lastHeight());
      assertTrue(store.prove(50, b("k3")).verify());
      assertTrue(store.root(189).isEmpty());
    }
  }

  /** The stored pages and leaves, by node key. */
  private static Map<ByteString, byte[]> nodes(RocksDbVersionedStore store) {
    Map<ByteString, byte[]> out = new HashMap<>();
    store.forEachNode((k, v) -> out.put(ByteString.copyFrom(k), v));
    return out;
  }

  private static void assertStoresExactlyWhatRetainedHeightsReach(RocksDbVersionedStore store) {
    Map<ByteString, byte[]> nodes = nodes(store);
    Set<ByteString> reachable = reachableNodes(store, nodes);
    Set<ByteString> unreached = new TreeSet<>(ByteString.unsignedLexicographicalComparator());
    unreached.addAll(nodes.keySet());
    unreached.removeAll(reachable);
    assertEquals(0, unreached.size(), "stored pages and leaves no retained height reaches");
    assertEquals(reachable.size(), store.nodeCount());
  }

  /** The node keys of the pages and leaves reachable from the roots of the retained heights. */
  private static Set<ByteString> reachableNodes(
      RocksDbVersionedStore store, Map<ByteString, byte[]> nodes) {
    Set<ByteString> out = new TreeSet<>(ByteString.unsignedLexicographicalComparator());
    store.forEachRaw(
        (k, v) -> {
          if (k[0] == 'r') {
            reach(new MerkleTree.Old(MerkleTree.Ref.decode(v)), 0, new byte[32], nodes, out);
          }
        });
    return out;
  }

  private static void reach(
      MerkleTree.Sub s,
      int depth,
      byte[] path,
      Map<ByteString, byte[]> nodes,
      Set<ByteString> out) {
    if (s instanceof MerkleTree.Slice slice) {
      reach(slice.open(), depth, path, nodes, out);
      return;
    }
    if (s instanceof MerkleTree.Inner inner) {
      reach(inner.left(), depth + 1, MerkleTree.child(path, depth, false), nodes, out);
      reach(inner.right(), depth + 1, MerkleTree.child(path, depth, true), nodes, out);
      return;
    }
    MerkleTree.Ref ref = ((MerkleTree.Old) s).ref();
    if (ref.kind() == MerkleTree.EMPTY) {
      return;
    }
    ByteString key = ByteString.copyFrom(ref.nodeKey(depth, path));
    assertTrue(nodes.containsKey(key), "a retained height reaches a missing node");
    out.add(key);
    if (ref.kind() == MerkleTree.INNER) {
      reach(MerkleTree.readPage(nodes.get(key), ref.hash()), depth, path, nodes, out);
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
