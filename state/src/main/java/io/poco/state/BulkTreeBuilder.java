package io.poco.state;

import static io.poco.state.proof.ProofVerifier.bit;
import static io.poco.state.proof.ProofVerifier.keccak256;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * Builds the tree of {@link MerkleTree} bottom-up in one pass over pairs sorted by the Keccak-256
 * of their keys, with a look-ahead of two pairs and memory bounded by the tree's depth (one open
 * page per {@link MerkleTree#PAGE_LEVELS} levels). It writes the same pages and leaves, under the
 * same node keys, as {@link MerkleTree#update} applying the same pairs to the empty tree at {@code
 * version}: a range of the key-hash space holding one pair is that pair's leaf at the range's
 * depth; a range holding two or more is an inner node whose children are its two halves (an empty
 * half is the empty subtree).
 */
final class BulkTreeBuilder {

  /** Receives each pair, and each page and leaf of the tree, in no particular key order. */
  interface Sink extends MerkleTree.NodeSink {
    void pair(ByteString key, ByteString value);
  }

  private record Pair(byte[] keyHash, ByteString key, ByteString value) {}

  private final Iterator<Map.Entry<ByteString, ByteString>> source;
  private final long version;
  private final Sink sink;
  private Pair first;
  private Pair second;
  private long count;

  private BulkTreeBuilder(
      Iterator<Map.Entry<ByteString, ByteString>> source, long version, Sink sink) {
    this.source = source;
    this.version = version;
    this.sink = sink;
  }

  /**
   * Writes the pairs of {@code sorted} and the tree they form at {@code version} to {@code sink};
   * returns the root reference.
   *
   * @throws IllegalArgumentException when the pairs are not in strictly increasing order of {@code
   *     keccak256(key)} (a duplicate key included)
   */
  static MerkleTree.Ref build(
      Iterator<Map.Entry<ByteString, ByteString>> sorted, long version, Sink sink) {
    BulkTreeBuilder b = new BulkTreeBuilder(sorted, version, sink);
    b.second = b.next(null);
    b.advance();
    if (b.first == null) {
      return MerkleTree.Ref.NONE;
    }
    return MerkleTree.write(b.subtree(0, new byte[32]), 0, new byte[32], version, sink);
  }

  private void advance() {
    first = second;
    second = first == null ? null : next(first);
    if (first != null) {
      sink.pair(first.key(), first.value());
      count++;
    }
  }

  private Pair next(Pair previous) {
    if (!source.hasNext()) {
      return null;
    }
    Map.Entry<ByteString, ByteString> e = source.next();
    byte[] keyHash = keccak256(e.getKey().toByteArray());
    if (previous != null && Arrays.compareUnsigned(previous.keyHash(), keyHash) >= 0) {
      throw new IllegalArgumentException(
          "bulk load: pair "
              + (count + 1)
              + " is not in increasing order of keccak256(key) (or repeats a key)");
    }
    return new Pair(keyHash, e.getKey(), e.getValue());
  }

  /**
   * The subtree at {@code depth}/{@code path}, which holds {@link #first} (and maybe more): written
   * out when it roots a page, held in memory (inner nodes and new leaves) until its page is written
   * otherwise.
   */
  private MerkleTree.Sub subtree(int depth, byte[] path) {
    Pair a = first;
    if (second == null || commonBits(a.keyHash(), second.keyHash()) < depth) {
      advance();
      return MerkleTree.NewLeaf.of(a.keyHash(), a.key(), a.value());
    }
    MerkleTree.Sub left = MerkleTree.EMPTY_SUB;
    MerkleTree.Sub right = MerkleTree.EMPTY_SUB;
    if (!bit(a.keyHash(), depth)) {
      left = subtree(depth + 1, MerkleTree.child(path, depth, false));
    }
    if (first != null
        && commonBits(first.keyHash(), a.keyHash()) >= depth
        && bit(first.keyHash(), depth)) {
      right = subtree(depth + 1, MerkleTree.child(path, depth, true));
    }
    MerkleTree.Sub inner = MerkleTree.Inner.of(left, right);
    if (depth % MerkleTree.PAGE_LEVELS != 0) {
      return inner;
    }
    return new MerkleTree.Old(MerkleTree.write(inner, depth, path, version, sink));
  }

  /** The number of leading bits {@code a} and {@code b} share. */
  static int commonBits(byte[] a, byte[] b) {
    int i = Arrays.mismatch(a, b);
    if (i < 0) {
      return a.length * 8;
    }
    return i * 8 + Integer.numberOfLeadingZeros((a[i] ^ b[i]) & 0xff) - 24;
  }
}
