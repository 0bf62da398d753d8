package io.poco.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.poco.state.proof.ProofVerifier;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class KeyHashOrderTest {

  private static ByteString key(int i) {
    return ByteString.copyFromUtf8("key-" + i);
  }

  @Test
  void yieldsEveryPairOnceInStrictKeyHashOrder() {
    int n = 20_000;
    Iterator<Map.Entry<ByteString, ByteString>> it =
        KeyHashOrder.of(n, KeyHashOrderTest::key, i -> ByteString.copyFromUtf8("value-" + i));
    TreeSet<String> seen = new TreeSet<>();
    byte[] previous = null;
    while (it.hasNext()) {
      Map.Entry<ByteString, ByteString> e = it.next();
      String k = e.getKey().toStringUtf8();
      assertEquals("value-" + k.substring(4), e.getValue().toStringUtf8());
      assertTrue(seen.add(k), "twice: " + k);
      byte[] h = ProofVerifier.keccak256(e.getKey().toByteArray());
      if (previous != null) {
        assertTrue(Arrays.compareUnsigned(previous, h) < 0, "out of order at " + k);
      }
      previous = h;
    }
    assertEquals(n, seen.size());
  }

  @Test
  void bulkLoadAcceptsItsOrder() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("key-hash-order");
    try {
      RocksDbVersionedStore.bulkLoad(
          dir.resolve("db"),
          1,
          KeyHashOrder.of(5_000, KeyHashOrderTest::key, KeyHashOrderTest::key));
      try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir.resolve("db"), 0, 0)) {
        assertEquals(1, store.lastHeight());
        assertEquals(key(4_321), store.get(1, key(4_321)).orElseThrow());
      }
    } finally {
      try (var files = java.nio.file.Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Test
  void refusesANegativeCount() {
    assertThrows(
        IllegalArgumentException.class,
        () -> KeyHashOrder.of(-1, KeyHashOrderTest::key, KeyHashOrderTest::key));
  }
}
