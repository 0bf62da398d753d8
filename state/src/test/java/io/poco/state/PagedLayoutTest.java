package io.poco.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.poco.state.proof.ProofVerifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the paged layout is for: an update reads one page per {@link MerkleTree#PAGE_LEVELS} levels
 * of its keys' paths and never a leaf, and it replaces exactly the pages it changes and the leaves
 * it overwrites or deletes.
 */
class PagedLayoutTest {

  private static final int PAIRS = 5_000;

  private final Map<ByteBuffer, byte[]> nodes = new HashMap<>();
  private final List<byte[]> reads = new ArrayList<>();
  private MerkleTree.Ref root;

  private byte[] read(byte[] nodeKey) {
    reads.add(nodeKey);
    return nodes.get(ByteBuffer.wrap(nodeKey));
  }

  private static ByteString key(int i) {
    return ByteString.copyFromUtf8("key " + i);
  }

  private MerkleTree.Update apply(long version, Map<ByteString, Optional<ByteString>> writes) {
    TreeMap<ByteString, Optional<ByteString>> sorted =
        new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    sorted.putAll(writes);
    reads.clear();
    MerkleTree.Update u = MerkleTree.update(this::read, root, version, sorted, 0);
    for (byte[][] n : u.nodes()) {
      nodes.put(ByteBuffer.wrap(n[0]), n[1]);
    }
    root = u.root();
    return u;
  }

  @BeforeEach
  void fill() {
    root = MerkleTree.Ref.NONE;
    Map<ByteString, Optional<ByteString>> writes = new HashMap<>();
    for (int i = 0; i < PAIRS; i++) {
      writes.put(key(i), Optional.of(ByteString.copyFromUtf8("value " + i)));
    }
    apply(1, writes);
  }

  /** The number of inner nodes on the path of {@code key} (its leaf's depth). */
  private int depthOf(ByteString key) {
    byte[] proof = MerkleTree.prove(this::read, root, key).proof();
    return ((proof[1] & 0xff) << 8) | (proof[2] & 0xff);
  }

  @Test
  void anOverwriteReadsOnePagePerFourLevelsAndNoLeaf() {
    for (int i = 0; i < 200; i += 7) {
      ByteString k = key(i);
      int depth = depthOf(k);
      MerkleTree.Update u = apply(2 + i, Map.of(k, Optional.of(ByteString.copyFromUtf8("new"))));
      assertTrue(reads.stream().noneMatch(MerkleTree::isLeafKey), "a leaf was read");
      int pages = (depth - 1) / MerkleTree.PAGE_LEVELS + 1;
      assertEquals(pages, reads.size(), "pages read for a leaf at depth " + depth);
      // replaced: the pages read and the old leaf; written: as many pages and the new leaf
      assertEquals(pages + 1, u.stale().size());
      assertEquals(1, u.stale().stream().filter(MerkleTree::isLeafKey).count());
      assertEquals(pages + 1, u.nodes().size());
    }
  }

  @Test
  void anUpdateListsItsPagesAndLeavesInIncreasingKeyOrder() {
    Map<ByteString, Optional<ByteString>> writes = new HashMap<>();
    for (int i = 0; i < 3_000; i += 3) {
      writes.put(
          key(i), i % 2 == 0 ? Optional.empty() : Optional.of(ByteString.copyFromUtf8("v" + i)));
      writes.put(ByteString.copyFromUtf8("new " + i), Optional.of(ByteString.copyFromUtf8("n")));
    }
    List<byte[][]> written = apply(2, writes).nodes();
    assertTrue(written.size() > 1_000, "a block that rewrites many pages");
    for (int i = 1; i < written.size(); i++) {
      assertTrue(
          Arrays.compareUnsigned(written.get(i - 1)[0], written.get(i)[0]) < 0,
          "node " + i + " is not after node " + (i - 1));
    }
    assertTrue(
        written.stream()
            .filter(n -> !MerkleTree.isLeafKey(n[0]))
            .allMatch(n -> n[1].length <= MerkleTree.MAX_PAGE_BYTES));
  }

  @Test
  void aPageIsKeyedByThePathBytesItsDepthCoversAndLeavesItsHashToItsReference() {
    int pages = 0;
    List<byte[]> keys = new ArrayList<>();
    for (ByteBuffer k : nodes.keySet()) {
      byte[] key = k.array();
      keys.add(key);
      if (MerkleTree.isLeafKey(key)) {
        assertEquals(MerkleTree.LEAF_KEY_LENGTH, key.length);
        continue;
      }
      pages++;
      int depth = ByteBuffer.wrap(key, 8, 2).getShort();
      assertEquals(8 + 2 + (depth + 7) / 8, key.length, "the key of a page at depth " + depth);
    }
    assertTrue(pages > 100);
    // as a block's stale list stores them: one after the other, each one's length in its depth
    byte[] joined = MerkleTree.joinNodeKeys(keys);
    List<byte[]> split = MerkleTree.splitNodeKeys(joined);
    assertEquals(keys.size(), split.size());
    for (int i = 0; i < keys.size(); i++) {
      assertArrayEquals(keys.get(i), split.get(i));
    }
    byte[] cut = Arrays.copyOf(joined, joined.length - 1);
    assertThrows(IllegalStateException.class, () -> MerkleTree.splitNodeKeys(cut));
    // 5 000 pairs fill the top page: its root's kind alone, the other inner nodes with their
    // hashes, and a page reference (kind, hash, version) below each inner node of its last level
    int below = 1 << MerkleTree.PAGE_LEVELS;
    byte[] top = nodes.get(ByteBuffer.wrap(root.nodeKey(0, new byte[32])));
    assertEquals(1 + (below - 2) * 33 + below * 41, top.length);
  }

  @Test
  void anInsertThatSplitsALeafAndADeleteThatLiftsOneNeitherReadNorRewriteIt() {
    int depthBefore = depthOf(key(0));
    // find a new key whose path meets key 0's leaf: inserting it pushes that leaf down
    byte[] leafHash = ProofVerifier.keccak256(key(0).toByteArray());
    ByteString newcomer = null;
    for (int j = 0; newcomer == null; j++) {
      ByteString candidate = ByteString.copyFromUtf8("newcomer " + j);
      byte[] h = ProofVerifier.keccak256(candidate.toByteArray());
      if (BulkTreeBuilder.commonBits(h, leafHash) >= depthBefore) {
        newcomer = candidate;
      }
    }
    MerkleTree.Update insert =
        apply(2, Map.of(newcomer, Optional.of(ByteString.copyFromUtf8("x"))));
    assertTrue(reads.stream().noneMatch(MerkleTree::isLeafKey), "a leaf was read");
    assertTrue(depthOf(key(0)) > depthBefore);
    assertEquals(
        1,
        insert.nodes().stream().filter(n -> MerkleTree.isLeafKey(n[0])).count(),
        "only the new leaf");
    assertFalse(insert.stale().stream().anyMatch(MerkleTree::isLeafKey), "no leaf replaced");

    MerkleTree.Update delete = apply(3, Map.of(newcomer, Optional.empty()));
    assertTrue(reads.stream().noneMatch(MerkleTree::isLeafKey), "a leaf was read");
    assertEquals(depthBefore, depthOf(key(0)));
    assertEquals(
        0,
        delete.nodes().stream().filter(n -> MerkleTree.isLeafKey(n[0])).count(),
        "no leaf written");
    assertEquals(1, delete.stale().stream().filter(MerkleTree::isLeafKey).count());
    assertEquals(
        Optional.of(ByteString.copyFromUtf8("value 0")), MerkleTree.get(this::read, root, key(0)));
  }
}
