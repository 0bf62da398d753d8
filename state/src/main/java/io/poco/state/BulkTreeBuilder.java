package io.poco.state;

import static io.poco.state.proof.ProofVerifier.bit;
import static io.poco.state.proof.ProofVerifier.innerHash;
import static io.poco.state.proof.ProofVerifier.keccak256;
import static io.poco.state.proof.ProofVerifier.leafHash;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * Builds the tree of {@link MerkleTree} bottom-up in one pass over pairs sorted by the Keccak-256
 * of their keys, with a look-ahead of two pairs and memory bounded by the tree's depth. It writes
 * the same nodes, under the same node keys, as {@link MerkleTree#update} applying the same pairs to
 * the empty tree at {@code version}: a range of the key-hash space holding one pair is that pair's
 * leaf at the range's depth; a range holding two or more is an inner node whose children are its
 * two halves (an empty half is the empty subtree).
 */
final class BulkTreeBuilder {

  /** Receives each pair and each tree node, in no particular key order. */
  interface Sink {
    void pair(ByteString key, ByteString value);

    void node(byte[] nodeKey, byte[] value);
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
    return b.subtree(0, new byte[32]);
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

  /** The subtree at {@code depth}/{@code path}, which holds {@link #first} (and maybe more). */
  private MerkleTree.Ref subtree(int depth, byte[] path) {
    Pair a = first;
    if (second == null || commonBits(a.keyHash(), second.keyHash()) < depth) {
      advance();
      byte[] hash = leafHash(a.keyHash(), keccak256(a.value().toByteArray()));
      sink.node(
          MerkleTree.nodeKey(version, depth, path),
          MerkleTree.encodeLeaf(a.keyHash(), a.key(), a.value()));
      return new MerkleTree.Ref(MerkleTree.LEAF, hash, version);
    }
    MerkleTree.Ref left = MerkleTree.Ref.NONE;
    MerkleTree.Ref right = MerkleTree.Ref.NONE;
    if (!bit(a.keyHash(), depth)) {
      left = subtree(depth + 1, MerkleTree.child(path, depth, false));
    }
    if (first != null
        && commonBits(first.keyHash(), a.keyHash()) >= depth
        && bit(first.keyHash(), depth)) {
      right = subtree(depth + 1, MerkleTree.child(path, depth, true));
    }
    sink.node(MerkleTree.nodeKey(version, depth, path), MerkleTree.encodeInner(left, right));
    return new MerkleTree.Ref(MerkleTree.INNER, innerHash(left.hash(), right.hash()), version);
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
