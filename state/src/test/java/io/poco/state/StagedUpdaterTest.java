package io.poco.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedUpdaterTest {

  private static final ByteString K = ByteString.copyFromUtf8("k");
  private static final ByteString V1 = ByteString.copyFromUtf8("v1");
  private static final ByteString V2 = ByteString.copyFromUtf8("v2");

  @TempDir Path dir;

  @Test
  void aRevertedChildLeavesTheBlockUntouched() {
    InMemoryVersionedStore store = new InMemoryVersionedStore();
    StateUpdater block = store.newBlock();
    block.put(K, V1);
    StateUpdater child = block.nested();
    child.put(K, V2);
    assertEquals(Optional.of(V2), child.get(K));
    child.revert();
    assertEquals(Optional.of(V1), block.get(K));
    StateUpdater committed = block.nested();
    committed.delete(K);
    committed.commit();
    assertTrue(block.get(K).isEmpty());
    assertThrows(IllegalStateException.class, () -> committed.put(K, V1));
  }

  @Test
  void nothingIsDurableBeforePersistAndABlockIsAtomicAcrossReopen() {
    ByteString root1;
    try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, 0, 0)) {
      StateUpdater b1 = store.newBlock();
      b1.put(K, V1);
      store.prepare(1, b1).persist();
      root1 = store.lastRoot();
      StateUpdater b2 = store.newBlock();
      b2.put(K, V2);
      b2.put(ByteString.copyFromUtf8("other"), V2);
      PreparedBlock prepared = store.prepare(2, b2);
      assertEquals(1, store.lastHeight());
      assertEquals(Optional.of(V1), store.latest().get(K));
      // crash here: block 2 was prepared, never persisted
      assertTrue(prepared.root().size() == 32);
    }
    try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, 0, 0)) {
      assertEquals(1, store.lastHeight());
      assertEquals(root1, store.lastRoot());
      assertEquals(Optional.of(V1), store.latest().get(K));
      assertTrue(store.latest().get(ByteString.copyFromUtf8("other")).isEmpty());
      assertThrows(IllegalArgumentException.class, () -> store.prepare(3, store.newBlock()));
    }
  }
}
