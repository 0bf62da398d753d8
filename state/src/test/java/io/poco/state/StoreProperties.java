package io.poco.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The root depends only on the set of pairs; both stores agree; scans see staged writes. */
class StoreProperties {

  @Provide
  Arbitrary<Map<String, String>> pairs() {
    return Arbitraries.maps(
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(4),
            Arbitraries.strings().ofMaxLength(6))
        .ofMaxSize(30);
  }

  private static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  @Property(tries = 50)
  void rootDependsOnlyOnTheFinalSet(@ForAll("pairs") Map<String, String> target, @ForAll long seed)
      throws Exception {
    // store A writes the set in one block; store B in shuffled order over several blocks,
    // with extra keys written and deleted on the way
    InMemoryVersionedStore a = new InMemoryVersionedStore();
    StateUpdater wa = a.newBlock();
    target.forEach((k, v) -> wa.put(b(k), b(v)));
    a.prepare(1, wa).persist();

    Path dir = Files.createTempDirectory("store-prop");
    try (RocksDbVersionedStore rb = RocksDbVersionedStore.open(dir, 0, 0)) {
      List<String> keys = new ArrayList<>(target.keySet());
      Collections.shuffle(keys, new java.util.Random(seed));
      long h = 0;
      StateUpdater w = rb.newBlock();
      w.put(b("zz-temp"), b("x"));
      for (int i = 0; i < keys.size(); i++) {
        w.put(b(keys.get(i)), b("stale"));
        w.put(b(keys.get(i)), b(target.get(keys.get(i))));
        if (i % 7 == 6) {
          rb.prepare(++h, w).persist();
          w = rb.newBlock();
        }
      }
      w.delete(b("zz-temp"));
      rb.prepare(++h, w).persist();
      assertEquals(a.lastRoot(), rb.lastRoot());
      Map<String, String> scanned = new TreeMap<>();
      rb.latest()
          .scan(
              ByteString.EMPTY,
              ByteString.EMPTY,
              Integer.MAX_VALUE,
              (k, v) -> {
                scanned.put(k.toStringUtf8(), v.toStringUtf8());
                return true;
              });
      assertEquals(new TreeMap<>(target), scanned);
    }
  }

  @Property(tries = 50)
  void scansMergeStagedWritesInOrder(
      @ForAll("pairs") Map<String, String> committed, @ForAll("pairs") Map<String, String> staged) {
    InMemoryVersionedStore store = new InMemoryVersionedStore();
    StateUpdater w = store.newBlock();
    committed.forEach((k, v) -> w.put(b(k), b(v)));
    store.prepare(1, w).persist();
    TreeMap<String, String> expected = new TreeMap<>(committed);
    StateUpdater top = store.newBlock();
    StateUpdater child = top.nested();
    staged.forEach(
        (k, v) -> {
          if (v.isEmpty()) {
            child.delete(b(k));
            expected.remove(k);
          } else {
            child.put(b(k), b(v));
            expected.put(k, v);
          }
        });
    child.commit();
    List<String> seen = new ArrayList<>();
    top.scan(
        ByteString.EMPTY,
        ByteString.EMPTY,
        Integer.MAX_VALUE,
        (k, v) -> seen.add(k.toStringUtf8() + "=" + v.toStringUtf8()));
    List<String> want = new ArrayList<>();
    expected.forEach((k, v) -> want.add(k + "=" + v));
    assertEquals(want, seen);
  }

  @Property(tries = 30)
  void everyChangeChangesTheRoot(@ForAll("pairs") Map<String, String> base) {
    InMemoryVersionedStore store = new InMemoryVersionedStore();
    StateUpdater w = store.newBlock();
    base.forEach((k, v) -> w.put(b(k), b(v)));
    store.prepare(1, w).persist();
    StateUpdater next = store.newBlock();
    next.put(b("new-key-" + base.size()), b("v"));
    assertNotEquals(store.lastRoot(), store.prepare(2, next).root());
  }
}
