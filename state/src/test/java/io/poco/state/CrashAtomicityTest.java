package io.poco.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Aborts a commit before each of its steps, reopens the store and checks it is wholly at the
 * previous height (or wholly at the new one once the batch is written), never between.
 */
class CrashAtomicityTest {

  private static final List<String> STEPS =
      List.of("data", "nodes", "stale", "prune", "root", "height", "write", "memory");

  private static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  private static final class Crash extends RuntimeException {
    Crash(String step) {
      super("simulated crash before " + step);
    }
  }

  @Test
  void aCrashAtAnyStepLeavesThePreviousOrTheNewHeight() throws Exception {
    for (String step : STEPS) {
      Path dir = Files.createTempDirectory("crash");
      ByteString root3;
      try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, 2, 0)) {
        for (long h = 1; h <= 3; h++) {
          StateUpdater w = store.newBlock();
          for (int i = 0; i < 20; i++) {
            w.put(b("k" + i), b("h" + h + "-" + i));
          }
          store.prepare(h, w).persist();
        }
        root3 = store.lastRoot();
        StateUpdater w = store.newBlock();
        for (int i = 0; i < 20; i += 2) {
          w.put(b("k" + i), b("h4-" + i));
        }
        w.delete(b("k1"));
        w.put(b("new"), b("x"));
        PreparedBlock block = store.prepare(4, w);
        store.stepHook(
            s -> {
              if (s.equals(step)) {
                throw new Crash(s);
              }
            });
        assertThrows(Crash.class, block::persist);
      }
      try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, 2, 0)) {
        boolean written = STEPS.indexOf(step) > STEPS.indexOf("write");
        long h = store.lastHeight();
        assertEquals(written ? 4 : 3, h, "crash before " + step);
        if (!written) {
          assertEquals(root3, store.lastRoot());
          assertTrue(store.root(4).isEmpty());
        }
        // the flat latest pairs and the tree at that height agree on every key
        for (String k : List.of("k0", "k1", "k2", "k3", "k19", "new")) {
          StateProof p = store.prove(h, b(k));
          assertEquals(store.latest().get(b(k)), p.value(), k + " after crash before " + step);
          assertTrue(p.verify());
        }
        assertEquals(
            written ? Optional.empty() : Optional.of(b("h3-1")), store.latest().get(b("k1")));
        // and the store carries on
        StateUpdater w = store.newBlock();
        w.put(b("after"), b("y"));
        store.prepare(h + 1, w).persist();
        assertEquals(Optional.of(b("y")), store.prove(h + 1, b("after")).value());
      }
    }
  }
}
