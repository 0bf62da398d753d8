package io.poco.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.poco.state.proof.ProofVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The bulk load writes exactly what committing the same pairs in one block writes. */
class BulkLoadTest {

  private static ByteString randomBytes(SplittableRandom r, int min, int max) {
    byte[] b = new byte[min + r.nextInt(max - min + 1)];
    r.nextBytes(b);
    return ByteString.copyFrom(b);
  }

  private static TreeMap<ByteString, ByteString> randomPairs(SplittableRandom r, int n) {
    TreeMap<ByteString, ByteString> pairs =
        new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    while (pairs.size() < n) {
      pairs.put(randomBytes(r, 1, 40), randomBytes(r, 0, 64));
    }
    return pairs;
  }

  private static Iterator<Map.Entry<ByteString, ByteString>> byKeyHash(
      Map<ByteString, ByteString> pairs) {
    List<Map.Entry<ByteString, ByteString>> list = new ArrayList<>(pairs.entrySet());
    list.sort(
        (a, b) ->
            Arrays.compareUnsigned(
                ProofVerifier.keccak256(a.getKey().toByteArray()),
                ProofVerifier.keccak256(b.getKey().toByteArray())));
    return list.iterator();
  }

  private static List<byte[][]> raw(RocksDbVersionedStore store) {
    List<byte[][]> out = new ArrayList<>();
    store.forEachRaw((k, v) -> out.add(new byte[][] {k, v}));
    store.forEachNode((k, v) -> out.add(new byte[][] {k, v}));
    return out;
  }

  private static void assertSameLayout(RocksDbVersionedStore a, RocksDbVersionedStore b) {
    List<byte[][]> ra = raw(a);
    List<byte[][]> rb = raw(b);
    assertEquals(rb.size(), ra.size(), "number of stored entries");
    for (int i = 0; i < ra.size(); i++) {
      assertArrayEquals(rb.get(i)[0], ra.get(i)[0], "key of entry " + i);
      assertArrayEquals(rb.get(i)[1], ra.get(i)[1], "value of entry " + i);
    }
  }

  /** Overwrites, inserts and deletes derived from {@code r}, applied to both stores alike. */
  private static void commitRandomBlock(
      SplittableRandom r, long h, List<ByteString> keys, RocksDbVersionedStore... stores) {
    List<ByteString> puts = new ArrayList<>();
    List<ByteString> values = new ArrayList<>();
    List<ByteString> deletes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      puts.add(keys.get(r.nextInt(keys.size())));
      values.add(randomBytes(r, 0, 64));
    }
    for (int i = 0; i < 50; i++) {
      ByteString k = randomBytes(r, 1, 40);
      puts.add(k);
      values.add(randomBytes(r, 1, 64));
      keys.add(k);
    }
    for (int i = 0; i < 50; i++) {
      deletes.add(keys.get(r.nextInt(keys.size())));
    }
    for (RocksDbVersionedStore s : stores) {
      StateUpdater w = s.newBlock();
      for (int i = 0; i < puts.size(); i++) {
        w.put(puts.get(i), values.get(i));
      }
      deletes.forEach(w::delete);
      s.prepare(h, w).persist();
    }
  }

  @Test
  void tenThousandPairsGiveTheSameRootNodesAndProofsAsCommits() throws Exception {
    SplittableRandom r = new SplittableRandom(20261122L);
    TreeMap<ByteString, ByteString> pairs = randomPairs(r, 10_000);
    Path bulkDir = Files.createTempDirectory("bulk");
    Path oneDir = Files.createTempDirectory("one-block");
    Path manyDir = Files.createTempDirectory("many-blocks");
    ByteString bulkRoot = RocksDbVersionedStore.bulkLoad(bulkDir, 1, byKeyHash(pairs));
    try (RocksDbVersionedStore bulk = RocksDbVersionedStore.open(bulkDir, 0, 0);
        RocksDbVersionedStore one = RocksDbVersionedStore.open(oneDir, 0, 0);
        RocksDbVersionedStore many = RocksDbVersionedStore.open(manyDir, 0, 0)) {
      StateUpdater w = one.newBlock();
      pairs.forEach(w::put);
      one.prepare(1, w).persist();
      long h = 0;
      StateUpdater m = many.newBlock();
      int n = 0;
      for (Map.Entry<ByteString, ByteString> e : pairs.entrySet()) {
        m.put(e.getKey(), e.getValue());
        if (++n % 1_000 == 0) {
          many.prepare(++h, m).persist();
          m = many.newBlock();
        }
      }

      assertEquals(1, bulk.lastHeight());
      assertEquals(one.lastRoot(), bulkRoot);
      assertEquals(one.lastRoot(), bulk.lastRoot());
      assertEquals(many.lastRoot(), bulk.lastRoot(), "the root depends only on the pairs");
      assertSameLayout(bulk, one);

      List<ByteString> keys = new ArrayList<>(pairs.keySet());
      for (int i = 0; i < 300; i++) {
        ByteString present = keys.get(r.nextInt(keys.size()));
        StateProof p = bulk.prove(1, present);
        assertEquals(Optional.of(pairs.get(present)), p.value());
        assertEquals(one.prove(1, present), p);
        assertTrue(p.verify());
        ByteString absent = randomBytes(r, 41, 48);
        StateProof q = bulk.prove(1, absent);
        assertEquals(Optional.empty(), q.value());
        assertEquals(one.prove(1, absent), q);
        assertTrue(q.verify());
      }
      assertEquals(Optional.of(pairs.firstEntry().getValue()), bulk.latest().get(pairs.firstKey()));

      for (long next = 2; next <= 6; next++) {
        commitRandomBlock(r, next, keys, bulk, one);
        assertEquals(one.lastRoot(), bulk.lastRoot(), "root after commit " + next);
      }
      assertSameLayout(bulk, one);
      ByteString k = keys.get(keys.size() - 1);
      assertEquals(one.latest().get(k), bulk.latest().get(k));
      assertTrue(bulk.prove(6, k).verify());
      assertEquals(pairs.get(keys.get(0)), bulk.get(1, keys.get(0)).orElseThrow());
    }
  }

  @Test
  void emptyAndSinglePairLoadsMatchCommits() throws Exception {
    Path empty = Files.createTempDirectory("bulk-empty");
    assertEquals(
        ByteString.copyFrom(ProofVerifier.EMPTY),
        RocksDbVersionedStore.bulkLoad(
            empty, 3, List.<Map.Entry<ByteString, ByteString>>of().iterator()));
    try (RocksDbVersionedStore s = RocksDbVersionedStore.open(empty, 0, 0)) {
      assertEquals(3, s.lastHeight());
      StateUpdater w = s.newBlock();
      w.put(ByteString.copyFromUtf8("a"), ByteString.copyFromUtf8("1"));
      s.prepare(4, w).persist();
      assertTrue(s.prove(4, ByteString.copyFromUtf8("a")).verify());
    }
    TreeMap<ByteString, ByteString> one =
        new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    one.put(ByteString.copyFromUtf8("only"), ByteString.copyFromUtf8("value"));
    Path single = Files.createTempDirectory("bulk-single");
    Path committed = Files.createTempDirectory("single-committed");
    RocksDbVersionedStore.bulkLoad(single, 1, byKeyHash(one));
    try (RocksDbVersionedStore a = RocksDbVersionedStore.open(single, 0, 0);
        RocksDbVersionedStore b = RocksDbVersionedStore.open(committed, 0, 0)) {
      StateUpdater w = b.newBlock();
      one.forEach(w::put);
      b.prepare(1, w).persist();
      assertSameLayout(a, b);
    }
  }

  @Test
  void outOfOrderDuplicateOrNonEmptyIsRefused() throws Exception {
    TreeMap<ByteString, ByteString> pairs = randomPairs(new SplittableRandom(7), 20);
    List<Map.Entry<ByteString, ByteString>> sorted = new ArrayList<>();
    byKeyHash(pairs).forEachRemaining(sorted::add);
    List<Map.Entry<ByteString, ByteString>> swapped = new ArrayList<>(sorted);
    swapped.set(5, sorted.get(6));
    swapped.set(6, sorted.get(5));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RocksDbVersionedStore.bulkLoad(
                    Files.createTempDirectory("bulk-order"), 1, swapped.iterator()));
    assertTrue(e.getMessage().contains("increasing order"), e.getMessage());
    List<Map.Entry<ByteString, ByteString>> dup = new ArrayList<>(sorted);
    dup.add(6, sorted.get(5));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RocksDbVersionedStore.bulkLoad(
                Files.createTempDirectory("bulk-dup"), 1, dup.iterator()));
    Path used = Files.createTempDirectory("bulk-used");
    RocksDbVersionedStore.bulkLoad(used, 1, sorted.iterator());
    IllegalStateException full =
        assertThrows(
            IllegalStateException.class,
            () -> RocksDbVersionedStore.bulkLoad(used, 1, sorted.iterator()));
    assertTrue(full.getMessage().contains("already holds data"), full.getMessage());
  }
}
