package io.poco.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A large block's tree update split over two threads writes exactly what the sequential walk
 * writes: the same root, the same nodes and the same stale list in the same order.
 */
class ParallelUpdateTest {

  private final Map<ByteBuffer, byte[]> nodes = new HashMap<>();

  private byte[] read(byte[] nodeKey) {
    return nodes.get(ByteBuffer.wrap(nodeKey));
  }

  private void store(MerkleTree.Update u) {
    for (byte[][] n : u.nodes()) {
      nodes.put(ByteBuffer.wrap(n[0]), n[1]);
    }
  }

  private static ByteString bytes(SplittableRandom r, int min, int max) {
    byte[] b = new byte[min + r.nextInt(max - min + 1)];
    r.nextBytes(b);
    return ByteString.copyFrom(b);
  }

  @Test
  void parallelAndSequentialWalksWriteTheSame() {
    SplittableRandom r = new SplittableRandom(20261123L);
    List<ByteString> keys = new ArrayList<>();
    MerkleTree.Ref root = MerkleTree.Ref.NONE;
    for (long version = 1; version <= 6; version++) {
      TreeMap<ByteString, Optional<ByteString>> writes =
          new TreeMap<>(ByteString.unsignedLexicographicalComparator());
      for (int i = 0; i < 3_000; i++) {
        ByteString k = bytes(r, 1, 40);
        keys.add(k);
        writes.put(k, Optional.of(bytes(r, 1, 64)));
      }
      if (version > 1) {
        for (int i = 0; i < 1_000; i++) {
          writes.put(keys.get(r.nextInt(keys.size())), Optional.of(bytes(r, 0, 64)));
        }
        for (int i = 0; i < 500; i++) {
          writes.put(keys.get(r.nextInt(keys.size())), Optional.empty());
        }
      }
      MerkleTree.Update sequential = MerkleTree.update(this::read, root, version, writes, 0);
      MerkleTree.Update parallel = MerkleTree.update(this::read, root, version, writes, 4);

      assertArrayEquals(sequential.root().encode(), parallel.root().encode(), "root " + version);
      assertEquals(sequential.nodes().size(), parallel.nodes().size(), "nodes " + version);
      for (int i = 0; i < sequential.nodes().size(); i++) {
        assertArrayEquals(sequential.nodes().get(i)[0], parallel.nodes().get(i)[0]);
        assertArrayEquals(sequential.nodes().get(i)[1], parallel.nodes().get(i)[1]);
      }
      assertEquals(sequential.stale().size(), parallel.stale().size(), "stale " + version);
      for (int i = 0; i < sequential.stale().size(); i++) {
        assertArrayEquals(sequential.stale().get(i), parallel.stale().get(i), "stale entry " + i);
      }
      store(parallel);
      root = parallel.root();
    }
  }
}
