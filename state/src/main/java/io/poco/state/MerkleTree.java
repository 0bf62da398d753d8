package io.poco.state;

import static io.poco.state.proof.ProofVerifier.bit;
import static io.poco.state.proof.ProofVerifier.innerHash;
import static io.poco.state.proof.ProofVerifier.keccak256;
import static io.poco.state.proof.ProofVerifier.leafHash;

import com.google.protobuf.ByteString;
import io.poco.state.proof.ProofVerifier;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ForkJoinTask;

/**
 * The versioned compact sparse Merkle tree (hashes as in {@link ProofVerifier}). A node is stored
 * under {@code version(8) ‖ depth(2) ‖ path(32)}, where path holds the first {@code depth} bits of
 * the key hashes below it; an inner node names each child's kind, hash and version, so a version's
 * tree is reached from its root reference. An update writes new nodes at the new version only and
 * lists the nodes it replaced (stale from that version on), which pruning deletes later.
 */
final class MerkleTree {

  static final byte EMPTY = 0;
  static final byte LEAF = 1;
  static final byte INNER = 2;

  /** Reads a stored node by its node key, null when missing. */
  @FunctionalInterface
  interface NodeReader {
    byte[] read(byte[] nodeKey);
  }

  /** A reference to a stored subtree: its kind, hash and the version its node was written at. */
  record Ref(byte kind, byte[] hash, long version) {
    static final Ref NONE = new Ref(EMPTY, ProofVerifier.EMPTY, 0);

    byte[] encode() {
      byte[] out = new byte[41];
      encodeInto(out, 0);
      return out;
    }

    /** Writes the 41 bytes of {@link #encode()} into {@code out} at {@code off}. */
    void encodeInto(byte[] out, int off) {
      out[off] = kind;
      System.arraycopy(hash, 0, out, off + 1, 32);
      for (int i = 0; i < 8; i++) {
        out[off + 33 + i] = (byte) (version >>> (56 - 8 * i));
      }
    }

    static Ref decode(byte[] b, int off) {
      ByteBuffer buf = ByteBuffer.wrap(b, off, 41);
      byte kind = buf.get();
      byte[] hash = new byte[32];
      buf.get(hash);
      return new Ref(kind, hash, buf.getLong());
    }
  }

  /** The nodes a block writes and the nodes it makes stale, with the new root. */
  record Update(Ref root, List<byte[][]> nodes, List<byte[]> stale) {}

  /** A value with its proof bytes. */
  record Proven(Optional<ByteString> value, byte[] proof) {}

  private MerkleTree() {}

  /** Bytes of a node key: version (8), depth (2), path (32). */
  static final int NODE_KEY_LENGTH = 42;

  static byte[] nodeKey(long version, int depth, byte[] path) {
    return ByteBuffer.allocate(NODE_KEY_LENGTH)
        .putLong(version)
        .putShort((short) depth)
        .put(path)
        .array();
  }

  static long versionOf(byte[] nodeKey) {
    return ByteBuffer.wrap(nodeKey, 0, 8).getLong();
  }

  // ---- update ----

  private sealed interface Sub permits Old, NewLeaf, NewInner {
    byte kind();

    byte[] hash();
  }

  /** An unchanged stored subtree (or the empty subtree). */
  private record Old(Ref ref) implements Sub {
    public byte kind() {
      return ref.kind();
    }

    public byte[] hash() {
      return ref.hash();
    }
  }

  private record NewLeaf(byte[] keyHash, ByteString key, ByteString value, byte[] hash)
      implements Sub {
    static NewLeaf of(byte[] keyHash, ByteString key, ByteString value) {
      return new NewLeaf(keyHash, key, value, leafHash(keyHash, keccak256(value.toByteArray())));
    }

    public byte kind() {
      return LEAF;
    }
  }

  private record NewInner(Sub left, Sub right, byte[] hash) implements Sub {
    static NewInner of(Sub left, Sub right) {
      return new NewInner(left, right, innerHash(left.hash(), right.hash()));
    }

    public byte kind() {
      return INNER;
    }
  }

  private record Write(byte[] keyHash, ByteString key, Optional<ByteString> value) {}

  private static final Sub EMPTY_SUB = new Old(Ref.NONE);

  /** Applies {@code writes} (empty value = delete) to the tree at {@code root}. */
  static Update update(
      NodeReader reader,
      Ref root,
      long version,
      NavigableMap<ByteString, Optional<ByteString>> writes) {
    return update(reader, root, version, writes, PARALLEL_DEPTH);
  }

  /**
   * {@link #update} with subtrees above {@code parallelDepth} split over two threads (0 = none):
   * for tests that compare the two walks.
   */
  static Update update(
      NodeReader reader,
      Ref root,
      long version,
      NavigableMap<ByteString, Optional<ByteString>> writes,
      int parallelDepth) {
    List<Write> sorted = new ArrayList<>(writes.size());
    for (Map.Entry<ByteString, Optional<ByteString>> e : writes.entrySet()) {
      sorted.add(new Write(keccak256(e.getKey().toByteArray()), e.getKey(), e.getValue()));
    }
    sorted.sort((a, b) -> Arrays.compareUnsigned(a.keyHash, b.keyHash));
    for (int i = 1; i < sorted.size(); i++) {
      if (Arrays.equals(sorted.get(i - 1).keyHash, sorted.get(i).keyHash)) {
        throw new IllegalStateException("keccak-256 collision between two state keys");
      }
    }
    List<byte[]> stale = new ArrayList<>();
    Sub newRoot =
        new Updater(reader, stale, parallelDepth)
            .apply(new Old(root), 0, new byte[32], sorted, 0, sorted.size());
    List<byte[][]> nodes = new ArrayList<>();
    Ref ref = write(newRoot, 0, new byte[32], version, nodes);
    return new Update(ref, nodes, stale);
  }

  /**
   * Subtrees above this depth whose halves both receive at least {@link #PARALLEL_MIN_WRITES}
   * writes are updated on two threads: the halves share no node, so the result, the stale list and
   * its order are those of the sequential walk, only sooner (node reads and hashing dominate a
   * large block's commit).
   */
  static final int PARALLEL_DEPTH = 2;

  static final int PARALLEL_MIN_WRITES = 64;

  private record Updater(NodeReader reader, List<byte[]> stale, int parallelDepth) {

    Sub apply(Sub cur, int depth, byte[] path, List<Write> ws, int lo, int hi) {
      if (lo == hi) {
        return cur;
      }
      Sub left = null;
      Sub right = null;
      NewLeaf existing = null;
      if (cur instanceof Old old && old.kind() != EMPTY) {
        byte[] key = nodeKey(old.ref().version(), depth, path);
        byte[] node = load(reader, key);
        if (node[0] == INNER) {
          stale.add(key);
          left = new Old(Ref.decode(node, 1));
          right = new Old(Ref.decode(node, 42));
        } else {
          existing = decodeLeaf(node, old.ref().hash());
        }
      } else if (cur instanceof NewInner inner) {
        left = inner.left();
        right = inner.right();
      } else if (cur instanceof NewLeaf leaf) {
        existing = leaf;
      }
      if (left != null) {
        int mid = lo;
        while (mid < hi && !bit(ws.get(mid).keyHash(), depth)) {
          mid++;
        }
        byte[] leftPath = child(path, depth, false);
        byte[] rightPath = child(path, depth, true);
        if (depth < parallelDepth
            && mid - lo >= PARALLEL_MIN_WRITES
            && hi - mid >= PARALLEL_MIN_WRITES) {
          Updater other = new Updater(reader, new ArrayList<>(), parallelDepth);
          Sub rightHalf = right;
          int split = mid;
          ForkJoinTask<Sub> task =
              ForkJoinTask.adapt(() -> other.apply(rightHalf, depth + 1, rightPath, ws, split, hi))
                  .fork();
          Sub l = apply(left, depth + 1, leftPath, ws, lo, mid);
          Sub r = task.join();
          stale.addAll(other.stale());
          return combine(l, r, depth, path);
        }
        Sub l = apply(left, depth + 1, leftPath, ws, lo, mid);
        Sub r = apply(right, depth + 1, rightPath, ws, mid, hi);
        return combine(l, r, depth, path);
      }
      // a leaf or the empty subtree: rebuild from the surviving pairs
      List<NewLeaf> leaves = new ArrayList<>();
      boolean existingKept = existing != null;
      for (int i = lo; i < hi; i++) {
        Write w = ws.get(i);
        if (existing != null && Arrays.equals(existing.keyHash(), w.keyHash())) {
          existingKept = false;
        }
      }
      for (int i = lo; i < hi; i++) {
        Write w = ws.get(i);
        w.value().ifPresent(v -> leaves.add(NewLeaf.of(w.keyHash(), w.key(), v)));
      }
      if (existingKept) {
        leaves.add(existing);
        leaves.sort((a, b) -> Arrays.compareUnsigned(a.keyHash(), b.keyHash()));
      }
      if (existingKept && leaves.size() == 1) {
        return cur; // only deletes of absent keys reached this leaf
      }
      if (existing != null && cur instanceof Old old) {
        stale.add(nodeKey(old.ref().version(), depth, path));
      }
      return build(leaves, 0, leaves.size(), depth);
    }

    /** Joins two children, lifting a lone leaf into its parent's place. */
    private Sub combine(Sub l, Sub r, int depth, byte[] path) {
      if (l.kind() == EMPTY && r.kind() == EMPTY) {
        return EMPTY_SUB;
      }
      if (l.kind() == EMPTY && r.kind() == LEAF) {
        return lift(r, depth + 1, child(path, depth, true));
      }
      if (r.kind() == EMPTY && l.kind() == LEAF) {
        return lift(l, depth + 1, child(path, depth, false));
      }
      return NewInner.of(l, r);
    }

    private Sub lift(Sub leaf, int depth, byte[] path) {
      if (leaf instanceof Old old) {
        byte[] key = nodeKey(old.ref().version(), depth, path);
        stale.add(key);
        return decodeLeaf(load(reader, key), old.ref().hash());
      }
      return leaf;
    }

    private static Sub build(List<NewLeaf> leaves, int lo, int hi, int depth) {
      if (lo == hi) {
        return EMPTY_SUB;
      }
      if (hi - lo == 1) {
        return leaves.get(lo);
      }
      int mid = lo;
      while (mid < hi && !bit(leaves.get(mid).keyHash(), depth)) {
        mid++;
      }
      return NewInner.of(build(leaves, lo, mid, depth + 1), build(leaves, mid, hi, depth + 1));
    }
  }

  private static Ref write(Sub s, int depth, byte[] path, long version, List<byte[][]> out) {
    if (s instanceof Old old) {
      return old.ref();
    }
    byte[] value;
    if (s instanceof NewLeaf leaf) {
      value = encodeLeaf(leaf.keyHash(), leaf.key(), leaf.value());
    } else {
      NewInner inner = (NewInner) s;
      Ref l = write(inner.left(), depth + 1, child(path, depth, false), version, out);
      Ref r = write(inner.right(), depth + 1, child(path, depth, true), version, out);
      value = encodeInner(l, r);
    }
    out.add(new byte[][] {nodeKey(version, depth, path), value});
    return new Ref(s.kind(), s.hash(), version);
  }

  /** A stored leaf: {@code LEAF ‖ keyHash ‖ keyLength(4) ‖ key ‖ value}. */
  static byte[] encodeLeaf(byte[] keyHash, ByteString key, ByteString value) {
    byte[] out = new byte[37 + key.size() + value.size()];
    ByteBuffer.wrap(out).put(LEAF).put(keyHash).putInt(key.size());
    key.copyTo(out, 37);
    value.copyTo(out, 37 + key.size());
    return out;
  }

  /** A stored inner node: {@code INNER ‖ left ref ‖ right ref}. */
  static byte[] encodeInner(Ref left, Ref right) {
    byte[] out = new byte[83];
    out[0] = INNER;
    left.encodeInto(out, 1);
    right.encodeInto(out, 42);
    return out;
  }

  /**
   * A stored leaf whose hash its parent's reference already names: the hash is taken from there,
   * not recomputed (an overwritten or lifted leaf would otherwise cost two Keccak-256 for nothing).
   */
  private static NewLeaf decodeLeaf(byte[] node, byte[] hash) {
    return new NewLeaf(leafKeyHash(node), leafKey(node), leafValue(node), hash);
  }

  private static byte[] leafKeyHash(byte[] node) {
    return Arrays.copyOfRange(node, 1, 33);
  }

  private static ByteString leafKey(byte[] node) {
    return ByteString.copyFrom(node, 37, keyLength(node));
  }

  private static ByteString leafValue(byte[] node) {
    int keyLen = keyLength(node);
    return ByteString.copyFrom(node, 37 + keyLen, node.length - 37 - keyLen);
  }

  private static int keyLength(byte[] node) {
    return ByteBuffer.wrap(node, 33, 4).getInt();
  }

  private static byte[] load(NodeReader reader, byte[] nodeKey) {
    byte[] node = reader.read(nodeKey);
    if (node == null) {
      throw new IllegalStateException(
          "state tree node missing (version "
              + versionOf(nodeKey)
              + "): the height was pruned or the store is corrupt");
    }
    return node;
  }

  static byte[] child(byte[] path, int depth, boolean right) {
    byte[] c = path.clone();
    if (right) {
      c[depth >>> 3] |= (byte) (1 << (7 - (depth & 7)));
    }
    return c;
  }

  // ---- reads and proofs ----

  /** The value of {@code key} with its proof in the tree at {@code root}. */
  static Proven prove(NodeReader reader, Ref root, ByteString key) {
    byte[] keyHash = keccak256(key.toByteArray());
    List<byte[]> siblings = new ArrayList<>();
    Ref cur = root;
    byte[] path = new byte[32];
    int depth = 0;
    while (cur.kind() == INNER) {
      byte[] node = load(reader, nodeKey(cur.version(), depth, path));
      Ref l = Ref.decode(node, 1);
      Ref r = Ref.decode(node, 42);
      boolean right = bit(keyHash, depth);
      siblings.add(right ? l.hash() : r.hash());
      cur = right ? r : l;
      path = child(path, depth, right);
      depth++;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(ProofVerifier.FORMAT);
    out.write(depth >>> 8);
    out.write(depth & 0xff);
    Optional<ByteString> value = Optional.empty();
    if (cur.kind() == LEAF) {
      byte[] node = load(reader, nodeKey(cur.version(), depth, path));
      byte[] leafKeyHash = leafKeyHash(node);
      ByteString leafValue = leafValue(node);
      out.write(1);
      out.writeBytes(leafKeyHash);
      out.writeBytes(keccak256(leafValue.toByteArray()));
      if (Arrays.equals(leafKeyHash, keyHash)) {
        value = Optional.of(leafValue);
      }
    } else {
      out.write(0);
    }
    for (byte[] s : siblings) {
      out.writeBytes(s);
    }
    return new Proven(value, out.toByteArray());
  }

  /** The value of {@code key} in the tree at {@code root}. */
  static Optional<ByteString> get(NodeReader reader, Ref root, ByteString key) {
    return prove(reader, root, key).value();
  }

  /** Visits every pair of the tree at {@code root} in key-hash order. */
  static void forEach(NodeReader reader, Ref root, EntryVisitor visitor) {
    walk(reader, root, 0, new byte[32], visitor);
  }

  private static boolean walk(
      NodeReader reader, Ref ref, int depth, byte[] path, EntryVisitor visitor) {
    if (ref.kind() == EMPTY) {
      return true;
    }
    byte[] node = load(reader, nodeKey(ref.version(), depth, path));
    if (node[0] == LEAF) {
      return visitor.visit(leafKey(node), leafValue(node));
    }
    return walk(reader, Ref.decode(node, 1), depth + 1, child(path, depth, false), visitor)
        && walk(reader, Ref.decode(node, 42), depth + 1, child(path, depth, true), visitor);
  }
}
