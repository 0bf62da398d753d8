package io.poco.state.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.poco.state.RocksDbVersionedStore;
import io.poco.state.StateUpdater;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot restores the same root into an empty store; bad chunks and roots are refused. */
class SnapshotManagerTest {

  @TempDir Path dir;

  private static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  @Test
  void aSnapshotRestoresTheSameStateAndRoot() {
    try (RocksDbVersionedStore source = RocksDbVersionedStore.open(dir.resolve("a"), 0, 0);
        RocksDbVersionedStore target = RocksDbVersionedStore.open(dir.resolve("b"), 0, 0);
        RocksDbVersionedStore other = RocksDbVersionedStore.open(dir.resolve("c"), 0, 0)) {
      for (long h = 1; h <= 6; h++) {
        StateUpdater w = source.newBlock();
        for (int i = 0; i < 300; i++) {
          w.put(b("key-" + h + "-" + i), b("value-" + i));
        }
        w.delete(b("key-" + (h - 1) + "-7"));
        source.prepare(h, w).persist();
      }
      SnapshotManager serving = new SnapshotManager(dir.resolve("snaps"), 2, 2000);
      serving.create(source, 4);
      serving.create(source, 5);
      SnapshotInfo six = serving.create(source, 6);
      List<SnapshotInfo> listed = serving.list();
      assertEquals(List.of(5L, 6L), listed.stream().map(SnapshotInfo::height).toList());
      assertTrue(six.chunks() > 5, "small chunks for the test: " + six.chunks());

      SnapshotManager restoring = new SnapshotManager(dir.resolve("r"), 2);
      // a wrong trusted app hash is refused at once
      assertEquals(
          SnapshotManager.Offer.REJECT, restoring.offer(target, six, source.root(5).get()));
      assertEquals(
          SnapshotManager.Offer.ACCEPT, restoring.offer(target, six, source.root(6).get()));
      // a corrupted chunk is fetched again
      ByteString first = serving.chunk(6, SnapshotManager.FORMAT, 0);
      ByteString corrupt = first.substring(0, first.size() - 1).concat(b("X"));
      assertEquals(SnapshotManager.Apply.RETRY, restoring.apply(target, 0, corrupt));
      for (int i = 0; i < six.chunks(); i++) {
        assertEquals(
            SnapshotManager.Apply.ACCEPT,
            restoring.apply(target, i, serving.chunk(6, SnapshotManager.FORMAT, i)));
      }
      assertEquals(6, target.lastHeight());
      assertEquals(source.lastRoot(), target.lastRoot());
      assertEquals(Optional.of(b("value-3")), target.latest().get(b("key-2-3")));
      assertTrue(target.prove(6, b("key-5-7")).verify());
      assertEquals(Optional.empty(), target.prove(6, b("key-5-7")).value());
      // and it carries on like any store
      StateUpdater w = target.newBlock();
      w.put(b("next"), b("x"));
      target.prepare(7, w).persist();
      assertEquals(7, target.lastHeight());

      // a store that is not empty refuses a snapshot
      StateUpdater o = other.newBlock();
      o.put(b("x"), b("y"));
      other.prepare(1, o).persist();
      assertEquals(SnapshotManager.Offer.REJECT, restoring.offer(other, six, source.root(6).get()));
    }
  }
}
