package io.poco.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Reading ahead a block's tree paths reads exactly the pages its tree update opens, and an update
 * through those pages writes what it writes without them.
 */
class PathWarmerTest {

  private final Map<ByteBuffer, byte[]> nodes = new HashMap<>();

  /** Pages read, from the two threads of a large update. */
  private final Set<ByteBuffer> pagesRead = ConcurrentHashMap.newKeySet();

  /** The tree's stored nodes, recording each page read (leaves are not recorded). */
  private byte[] read(byte[] nodeKey) {
    if (!MerkleTree.isLeafKey(nodeKey)) {
      pagesRead.add(ByteBuffer.wrap(nodeKey.clone()));
    }
    return nodes.get(ByteBuffer.wrap(nodeKey));
  }

  private List<byte[]> readAll(List<byte[]> nodeKeys) {
    return nodeKeys.stream().map(this::read).toList();
  }

  private static ByteString bytes(SplittableRandom r, int min, int max) {
    byte[] b = new byte[min + r.nextInt(max - min + 1)];
    r.nextBytes(b);
    return ByteString.copyFrom(b);
  }

  @Test
  void warmingReadsThePagesTheUpdateOpensAndChangesNothingItWrites() {
    SplittableRandom r = new SplittableRandom(20261205L);
    List<ByteString> keys = new ArrayList<>();
    MerkleTree.Ref root = MerkleTree.Ref.NONE;
    for (long version = 1; version <= 8; version++) {
      TreeMap<ByteString, Optional<ByteString>> writes =
          new TreeMap<>(ByteString.unsignedLexicographicalComparator());
      int fresh = version == 1 ? 5_000 : 300;
      for (int i = 0; i < fresh; i++) {
        ByteString k = bytes(r, 1, 40);
        keys.add(k);
        writes.put(k, Optional.of(bytes(r, 1, 64)));
      }
      if (version > 1) {
        for (int i = 0; i < 300; i++) {
          writes.put(keys.get(r.nextInt(keys.size())), Optional.of(bytes(r, 0, 64)));
        }
        for (int i = 0; i < 100; i++) {
          writes.put(keys.get(r.nextInt(keys.size())), Optional.empty());
        }
        writes.put(bytes(r, 41, 50), Optional.empty()); // a delete of an absent key
      }

      pagesRead.clear();
      MerkleTree.Update plain = MerkleTree.update(this::read, root, version, writes);
      Set<ByteBuffer> updateRead = new HashSet<>(pagesRead);

      pagesRead.clear();
      PathWarmer warmer = new PathWarmer(this::readAll, root, Runnable::run);
      warmer.warm(List.copyOf(writes.keySet()));
      Set<ByteBuffer> missed = new HashSet<>(updateRead);
      missed.removeAll(pagesRead);
      Set<ByteBuffer> extra = new HashSet<>(pagesRead);
      extra.removeAll(updateRead);
      assertEquals(
          List.of(0, 0),
          List.of(missed.size(), extra.size()),
          "pages the update read and warming did not, and the reverse, at version " + version);
      assertEquals(updateRead.size(), warmer.pagesRead());

      pagesRead.clear();
      MerkleTree.Update warmed =
          MerkleTree.update(warmer.reader(this::read), root, version, writes);
      assertTrue(pagesRead.isEmpty(), "the update read pages that were read ahead");
      assertSame(plain, warmed);

      for (byte[][] n : warmed.nodes()) {
        nodes.put(ByteBuffer.wrap(n[0]), n[1]);
      }
      root = warmed.root();
    }
  }

  @Test
  void aMissingPageEndsWarmingAndTheUpdateStillReportsIt() {
    TreeMap<ByteString, Optional<ByteString>> writes =
        new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 100; i++) {
      writes.put(bytes(r, 1, 20), Optional.of(bytes(r, 1, 20)));
    }
    MerkleTree.Update first = MerkleTree.update(this::read, MerkleTree.Ref.NONE, 1, writes);
    // the first block's nodes were never stored: every page is missing
    PathWarmer warmer = new PathWarmer(this::readAll, first.root(), Runnable::run);
    warmer.warm(List.copyOf(writes.keySet()));
    assertEquals(0, warmer.pagesRead());
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> MerkleTree.update(warmer.reader(this::read), first.root(), 2, writes));
    assertTrue(e.getMessage().contains("state tree node missing"), e.getMessage());
  }

  @Test
  void aWarmingStoreClosesWhileItReadsAndItsRootsMatchTheInMemoryStore() throws Exception {
    Path dir = Files.createTempDirectory("warming");
    InMemoryVersionedStore expected = new InMemoryVersionedStore();
    SplittableRandom r = new SplittableRandom(11);
    RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, 0, 0);
    List<ByteString> keys = new ArrayList<>();
    for (long h = 1; h <= 5; h++) {
      StateUpdater a = expected.newBlock();
      StateUpdater b = store.newBlock();
      for (int i = 0; i < 2_000; i++) {
        ByteString k = h == 1 || i % 2 == 0 ? bytes(r, 1, 30) : keys.get(r.nextInt(keys.size()));
        ByteString v = bytes(r, 1, 30);
        keys.add(k);
        StateUpdater tx = b.nested();
        tx.put(k, v);
        tx.commit();
        a.put(k, v);
      }
      expected.prepare(h, a).persist();
      store.prepare(h, b).persist();
      assertEquals(expected.lastRoot(), store.lastRoot(), "root at height " + h);
    }
    StateUpdater pending = store.newBlock();
    for (ByteString k : keys) {
      pending.put(k, ByteString.EMPTY);
    }
    store.close(); // while the warming thread still reads: it stops before the database closes
    assertTrue(store.warmingStopped());
  }

  private static void assertSame(MerkleTree.Update a, MerkleTree.Update b) {
    assertArrayEquals(a.root().encode(), b.root().encode());
    assertEquals(a.nodes().size(), b.nodes().size());
    for (int i = 0; i < a.nodes().size(); i++) {
      assertArrayEquals(a.nodes().get(i)[0], b.nodes().get(i)[0]);
      assertArrayEquals(a.nodes().get(i)[1], b.nodes().get(i)[1]);
    }
    assertEquals(a.stale().size(), b.stale().size());
    for (int i = 0; i < a.stale().size(); i++) {
      assertArrayEquals(a.stale().get(i), b.stale().get(i));
    }
  }
}
