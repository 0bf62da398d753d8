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
 * The versioned compact sparse Merkle tree (hashes as in {@link ProofVerifier}), stored in pages.
 *
 * <p>A page holds the inner nodes of {@link #PAGE_LEVELS} levels below an inner node at a depth
 * that is a multiple of {@link #PAGE_LEVELS}: each inner node's hash but its root's (the reference
 * that names the page holds that one), and for each child that leaves the page (an inner node
 * {@link #PAGE_LEVELS} levels down, which roots its own page) or is a leaf, a reference naming its
 * kind, hash and the version it was written at. A page is stored under {@code version(8) ‖ depth(2)
 * ‖ path}, where path is the ⌈depth / 8⌉ bytes that hold the first {@code depth} bits of the key
 * hashes below it. A leaf (key and value) is stored apart, under {@code version(8) ‖ 0xffff ‖
 * keyHash(32)}, and its reference also names its key hash: so an update neither reads a leaf it
 * overwrites nor rewrites a leaf that moves to another depth (a split below it, or a lift above).
 * With hashed keys a path to one of n pairs crosses about log2(n) / {@link #PAGE_LEVELS} pages: at
 * 10^7 pairs an update reads 8 or 9 pages where one node per level would be about 24 reads.
 *
 * <p>An update writes new pages and leaves at the new version only and lists the ones it replaced
 * (stale from that version on), which pruning deletes later. The tree, hence the root and the
 * proofs, are those of the binary tree: pages only group its nodes for storage.
 */
final class MerkleTree {

  static final byte EMPTY = 0;
  static final byte LEAF = 1;
  static final byte INNER = 2;

  /**
   * Levels of inner nodes per stored page: pages root at depths 0, 3, 6, ... (docs/decisions/0012
   * says why three).
   */
  static final int PAGE_LEVELS = 3;

  /** The depth field of a leaf's node key: no page is that deep (depths run 0 to 256). */
  private static final short LEAF_MARK = (short) 0xffff;

  /** Reads a stored page or leaf by its node key, null when missing. */
  @FunctionalInterface
  interface NodeReader {
    byte[] read(byte[] nodeKey);
  }

  /** Receives each page and leaf an update or a bulk build writes. */
  @FunctionalInterface
  interface NodeSink {
    void node(byte[] nodeKey, byte[] value);
  }

  /**
   * A reference to a stored subtree: its kind, hash and the version its page or leaf was written
   * at, and for a leaf its key hash (null otherwise).
   */
  record Ref(byte kind, byte[] hash, long version, byte[] keyHash) {
    static final Ref NONE = new Ref(EMPTY, ProofVerifier.EMPTY, 0, null);

    static Ref page(byte[] hash, long version) {
      return new Ref(INNER, hash, version, null);
    }

    static Ref leaf(byte[] hash, long version, byte[] keyHash) {
      return new Ref(LEAF, hash, version, keyHash);
    }

    /** The key of the stored page or leaf this reference names at {@code depth}/{@code path}. */
    byte[] nodeKey(int depth, byte[] path) {
      return kind == LEAF ? leafKey(version, keyHash) : pageKey(version, depth, path);
    }

    /** {@code kind ‖ hash ‖ version ‖ keyHash}, each part only where the kind has it. */
    byte[] encode() {
      ByteBuffer out = ByteBuffer.allocate(refLength(kind));
      encodeTo(out);
      return out.array();
    }

    /** Puts {@link #encode()}'s bytes at the buffer's position. */
    void encodeTo(ByteBuffer out) {
      out.put(kind);
      if (kind != EMPTY) {
        out.put(hash).putLong(version);
      }
      if (kind == LEAF) {
        out.put(keyHash);
      }
    }

    /** Reads a reference stored alone (a height's root). */
    static Ref decode(byte[] encoded) {
      return decode(ByteBuffer.wrap(encoded));
    }

    /** Reads a reference at the buffer's position, advancing it. */
    static Ref decode(ByteBuffer in) {
      byte kind = in.get();
      if (kind == EMPTY) {
        return NONE;
      }
      if (kind != LEAF && kind != INNER) {
        throw new IllegalStateException("state tree: unknown node kind " + kind);
      }
      byte[] hash = new byte[32];
      in.get(hash);
      long version = in.getLong();
      if (kind == INNER) {
        return page(hash, version);
      }
      byte[] keyHash = new byte[32];
      in.get(keyHash);
      return leaf(hash, version, keyHash);
    }
  }

  /**
   * The pages and leaves a block writes ({@code {nodeKey, value}}, in increasing order of node key)
   * and those it makes stale, with the new root.
   */
  record Update(Ref root, List<byte[][]> nodes, List<byte[]> stale) {}

  /** A value with its proof bytes. */
  record Proven(Optional<ByteString> value, byte[] proof) {}

  private MerkleTree() {}

  /** Bytes of a leaf's node key (version, 0xffff, key hash): the longest node key. */
  static final int LEAF_KEY_LENGTH = 42;

  /** Bytes of a page's node key before its path: version (8) and depth (2). */
  private static final int PAGE_KEY_HEAD = 10;

  static byte[] pageKey(long version, int depth, byte[] path) {
    int length = keyLength((short) depth);
    return ByteBuffer.allocate(length)
        .putLong(version)
        .putShort((short) depth)
        .put(path, 0, length - PAGE_KEY_HEAD)
        .array();
  }

  /** The bytes of a path that hold its first {@code depth} bits (the rest are 0). */
  private static int pathBytes(int depth) {
    return (depth + 7) >>> 3;
  }

  static byte[] leafKey(long version, byte[] keyHash) {
    return ByteBuffer.allocate(LEAF_KEY_LENGTH)
        .putLong(version)
        .putShort(LEAF_MARK)
        .put(keyHash)
        .array();
  }

  /** Whether {@code nodeKey} names a leaf rather than a page. */
  static boolean isLeafKey(byte[] nodeKey) {
    return depthField(nodeKey, 0) == LEAF_MARK;
  }

  /** Node keys one after the other (a stale list): each one's length follows from its depth. */
  static byte[] joinNodeKeys(List<byte[]> nodeKeys) {
    int length = 0;
    for (byte[] k : nodeKeys) {
      length += k.length;
    }
    ByteBuffer out = ByteBuffer.allocate(length);
    nodeKeys.forEach(out::put);
    return out.array();
  }

  /** The node keys {@link #joinNodeKeys} joined, in their order. */
  static List<byte[]> splitNodeKeys(byte[] joined) {
    List<byte[]> keys = new ArrayList<>();
    for (int from = 0; from < joined.length; ) {
      // past the end when the rest is too short to hold even a key's version and depth
      int to =
          joined.length - from < PAGE_KEY_HEAD
              ? joined.length + 1
              : from + keyLength(depthField(joined, from));
      if (to > joined.length) {
        throw new IllegalStateException("state tree: a malformed list of node keys");
      }
      keys.add(Arrays.copyOfRange(joined, from, to));
      from = to;
    }
    return keys;
  }

  /** The length of a node key whose depth field is {@code depth}. */
  private static int keyLength(short depth) {
    return depth == LEAF_MARK ? LEAF_KEY_LENGTH : PAGE_KEY_HEAD + pathBytes(depth);
  }

  /** The two bytes after the version of the node key at {@code from}: a depth or the leaf mark. */
  private static short depthField(byte[] keys, int from) {
    return (short) ((keys[from + 8] & 0xff) << 8 | keys[from + 9] & 0xff);
  }

  static long versionOf(byte[] nodeKey) {
    return ByteBuffer.wrap(nodeKey, 0, 8).getLong();
  }

  // ---- the tree in memory ----

  /** A subtree during an update, a bulk build or a walk. */
  sealed interface Sub permits Old, NewLeaf, Inner, Slice {
    byte kind();

    byte[] hash();
  }

  /**
   * A stored subtree not opened: the empty subtree, a stored leaf, or a stored page (an inner node
   * at a depth that is a multiple of {@link #PAGE_LEVELS}).
   */
  record Old(Ref ref) implements Sub {
    public byte kind() {
      return ref.kind();
    }

    public byte[] hash() {
      return ref.hash();
    }
  }

  /** A leaf not yet stored. */
  record NewLeaf(byte[] keyHash, ByteString key, ByteString value, byte[] hash) implements Sub {
    static NewLeaf of(byte[] keyHash, ByteString key, ByteString value) {
      return new NewLeaf(keyHash, key, value, leafHash(keyHash, keccak256(value.toByteArray())));
    }

    public byte kind() {
      return LEAF;
    }
  }

  /** An inner node held in memory: read from a page, or new. */
  record Inner(Sub left, Sub right, byte[] hash) implements Sub {
    static Inner of(Sub left, Sub right) {
      return new Inner(left, right, innerHash(left.hash(), right.hash()));
    }

    public byte kind() {
      return INNER;
    }
  }

  /**
   * An inner node inside a stored page, not opened: the entries of its subtree are the bytes of
   * {@code page} from {@code from} on, {@code level} levels below the page's root. Most of a page
   * an update reads stays untouched, so its entries are copied into the new page as they are, never
   * decoded.
   */
  record Slice(byte[] page, int from, int level, byte[] hash) implements Sub {
    public byte kind() {
      return INNER;
    }

    /** The offset just past this subtree's entries. */
    int to() {
      return skip(page, from, level);
    }

    /** This node with its two children as entries of the page. */
    Inner open() {
      int left = from + innerLength(level);
      return new Inner(
          entry(page, left, level + 1), entry(page, skip(page, left, level + 1), level + 1), hash);
    }
  }

  static final Sub EMPTY_SUB = new Old(Ref.NONE);

  /** The key hash of a leaf, stored or new. */
  private static byte[] keyHashOf(Sub leaf) {
    return leaf instanceof NewLeaf n ? n.keyHash() : ((Old) leaf).ref().keyHash();
  }

  // ---- pages ----

  /**
   * Writes {@code s}, the subtree at {@code depth}/{@code path}, to {@code sink} at {@code
   * version}: its new leaves, and for an inner node the page it roots and the pages below it.
   * Stored subtrees are referenced, not rewritten. An inner node must be at a page depth. Pages at
   * one depth reach the sink in increasing order of path, leaves in increasing order of key hash.
   */
  static Ref write(Sub s, int depth, byte[] path, long version, NodeSink sink) {
    return new PageWriter(version, sink).write(s, depth, path);
  }

  /**
   * The bytes of the largest page: every inner node of its levels (the root without its hash), and
   * a leaf below each.
   */
  static final int MAX_PAGE_BYTES = 1 + ((1 << PAGE_LEVELS) - 2) * 33 + (1 << PAGE_LEVELS) * 73;

  /**
   * Encodes the pages of one write. A page is written while its parent page is half encoded, so
   * each page depth has its own buffer; a page's value is one copy of its buffer's bytes.
   */
  private static final class PageWriter {
    private final long version;
    private final NodeSink sink;
    private final ByteBuffer[] buffers = new ByteBuffer[256 / PAGE_LEVELS + 1];

    PageWriter(long version, NodeSink sink) {
      this.version = version;
      this.sink = sink;
    }

    Ref write(Sub s, int depth, byte[] path) {
      if (s instanceof Old old) {
        return old.ref();
      }
      if (s instanceof NewLeaf leaf) {
        sink.node(
            leafKey(version, leaf.keyHash()), encodeLeaf(leaf.keyHash(), leaf.key(), leaf.value()));
        return Ref.leaf(leaf.hash(), version, leaf.keyHash());
      }
      if (depth % PAGE_LEVELS != 0) {
        throw new IllegalStateException("state tree: a page rooted at depth " + depth);
      }
      int level = depth / PAGE_LEVELS;
      if (buffers[level] == null) {
        buffers[level] = ByteBuffer.allocate(MAX_PAGE_BYTES);
      }
      ByteBuffer page = buffers[level].clear();
      entry(s, depth, path, 0, page);
      sink.node(pageKey(version, depth, path), Arrays.copyOf(page.array(), page.position()));
      return Ref.page(s.hash(), version);
    }

    /**
     * Appends one entry of a page in pre-order: an inner node within the page is {@code INNER ‖
     * hash} ({@code INNER} alone for the page's root) followed by its two children; anything else
     * is its reference. An unopened part of an old page is copied as it is: inner nodes never
     * change depth, and references do not depend on it.
     */
    private void entry(Sub s, int depth, byte[] path, int level, ByteBuffer page) {
      if (s instanceof Slice slice) {
        if (slice.level() != level) {
          throw new IllegalStateException("state tree: a page's inner node moved");
        }
        page.put(slice.page(), slice.from(), slice.to() - slice.from());
        return;
      }
      if (s instanceof Inner inner && level < PAGE_LEVELS) {
        page.put(INNER);
        if (level > 0) {
          page.put(inner.hash());
        }
        entry(inner.left(), depth + 1, child(path, depth, false), level + 1, page);
        entry(inner.right(), depth + 1, child(path, depth, true), level + 1, page);
        return;
      }
      write(s, depth, path).encodeTo(page);
    }
  }

  /** The offset just past the entry at {@code pos}, {@code level} levels below its page's root. */
  private static int skip(byte[] page, int pos, int level) {
    if (page[pos] == INNER && level < PAGE_LEVELS) {
      return skip(page, skip(page, pos + innerLength(level), level + 1), level + 1);
    }
    return pos + refLength(page[pos]);
  }

  /** The bytes of an inner node within a page: its kind and hash, its kind alone at the root. */
  private static int innerLength(int level) {
    return level == 0 ? 1 : 33;
  }

  private static int refLength(byte kind) {
    return switch (kind) {
      case EMPTY -> 1;
      case LEAF -> 73;
      case INNER -> 41;
      default -> throw new IllegalStateException("state tree: unknown node kind " + kind);
    };
  }

  /** The entry at {@code pos}: an unopened inner node of the page, or a reference. */
  private static Sub entry(byte[] page, int pos, int level) {
    if (page[pos] == INNER && level < PAGE_LEVELS) {
      return new Slice(page, pos, level, Arrays.copyOfRange(page, pos + 1, pos + 33));
    }
    if (page[pos] == EMPTY) {
      return EMPTY_SUB;
    }
    return new Old(Ref.decode(ByteBuffer.wrap(page).position(pos)));
  }

  /**
   * The inner node a stored page holds, with its children as entries of the page; {@code hash} is
   * the node's hash, from the reference that names the page.
   */
  static Inner readPage(byte[] page, byte[] hash) {
    if (page.length < 1 || page[0] != INNER || skip(page, 0, 0) != page.length) {
      throw new IllegalStateException("state tree: a malformed page");
    }
    return new Slice(page, 0, 0, hash).open();
  }

  /**
   * Opens an inner node held in a page: a stored page at {@code depth}/{@code path} is read, a
   * slice of a page decoded; other subtrees are returned as they are.
   */
  private static Sub open(NodeReader reader, Sub s, int depth, byte[] path) {
    if (s instanceof Old old && old.kind() == INNER) {
      return readPage(load(reader, old.ref().nodeKey(depth, path)), old.ref().hash());
    }
    if (s instanceof Slice slice) {
      return slice.open();
    }
    return s;
  }

  // ---- update ----

  private record Write(byte[] keyHash, ByteString key, Optional<ByteString> value) {}

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
    Sub rootSub = root.kind() == EMPTY ? EMPTY_SUB : new Old(root);
    Sub newRoot =
        new Updater(reader, stale, parallelDepth)
            .apply(rootSub, 0, new byte[32], sorted, 0, sorted.size());
    KeyOrder nodes = new KeyOrder();
    Ref ref = write(newRoot, 0, new byte[32], version, nodes);
    return new Update(ref, nodes.inKeyOrder(), stale);
  }

  /**
   * Collects an update's pages and leaves in increasing order of node key, without comparing keys:
   * they share the version, {@link #write} emits each depth's pages in order of path and the leaves
   * in order of key hash, so grouping by depth (leaves last) sorts them. RocksDB inserts a batch
   * sorted this way into its memtable near the previous entry instead of searching from the top.
   */
  private static final class KeyOrder implements NodeSink {
    private final List<List<byte[][]>> byDepth = new ArrayList<>();
    private final List<byte[][]> leaves = new ArrayList<>();

    @Override
    public void node(byte[] nodeKey, byte[] value) {
      byte[][] node = {nodeKey, value};
      short depth = depthField(nodeKey, 0);
      if (depth == LEAF_MARK) {
        leaves.add(node);
        return;
      }
      int level = depth / PAGE_LEVELS;
      while (byDepth.size() <= level) {
        byDepth.add(new ArrayList<>());
      }
      byDepth.get(level).add(node);
    }

    List<byte[][]> inKeyOrder() {
      int total = leaves.size();
      for (List<byte[][]> level : byDepth) {
        total += level.size();
      }
      List<byte[][]> all = new ArrayList<>(total);
      for (List<byte[][]> level : byDepth) {
        all.addAll(level);
      }
      all.addAll(leaves);
      return all;
    }
  }

  /**
   * Subtrees above this depth whose halves both receive at least {@link #PARALLEL_MIN_WRITES}
   * writes are updated on two threads: the halves share no node, so the result, the stale list and
   * its order are those of the sequential walk, only sooner (page reads and hashing dominate a
   * large block's commit).
   */
  static final int PARALLEL_DEPTH = 2;

  static final int PARALLEL_MIN_WRITES = 64;

  private record Updater(NodeReader reader, List<byte[]> stale, int parallelDepth) {

    Sub apply(Sub cur, int depth, byte[] path, List<Write> ws, int lo, int hi) {
      if (lo == hi) {
        return cur;
      }
      if (cur instanceof Old old && old.kind() == INNER) {
        stale.add(old.ref().nodeKey(depth, path));
      }
      cur = open(reader, cur, depth, path);
      if (cur instanceof Inner inner) {
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
          int split = mid;
          ForkJoinTask<Sub> task =
              ForkJoinTask.adapt(
                      () -> other.apply(inner.right(), depth + 1, rightPath, ws, split, hi))
                  .fork();
          Sub l = apply(inner.left(), depth + 1, leftPath, ws, lo, mid);
          Sub r = task.join();
          stale.addAll(other.stale());
          return combine(l, r);
        }
        Sub l = apply(inner.left(), depth + 1, leftPath, ws, lo, mid);
        Sub r = apply(inner.right(), depth + 1, rightPath, ws, mid, hi);
        return combine(l, r);
      }
      // a leaf or the empty subtree: rebuild from the surviving pairs
      Sub existing = cur.kind() == LEAF ? cur : null;
      boolean existingKept = existing != null;
      List<Sub> leaves = new ArrayList<>();
      for (int i = lo; i < hi; i++) {
        Write w = ws.get(i);
        if (existing != null && Arrays.equals(keyHashOf(existing), w.keyHash())) {
          existingKept = false;
        }
        w.value().ifPresent(v -> leaves.add(NewLeaf.of(w.keyHash(), w.key(), v)));
      }
      if (existingKept) {
        if (leaves.isEmpty()) {
          return cur; // only deletes of absent keys reached this leaf
        }
        leaves.add(existing);
        leaves.sort((a, b) -> Arrays.compareUnsigned(keyHashOf(a), keyHashOf(b)));
      } else if (existing instanceof Old old) {
        stale.add(old.ref().nodeKey(depth, path));
      }
      return build(leaves, 0, leaves.size(), depth);
    }

    /**
     * Joins two children; a lone leaf beside an empty subtree takes its parent's place (a stored
     * one by its reference alone: a leaf's key does not depend on its depth).
     */
    private static Sub combine(Sub l, Sub r) {
      if (l.kind() == EMPTY && r.kind() != INNER) {
        return r;
      }
      if (r.kind() == EMPTY && l.kind() == LEAF) {
        return l;
      }
      return Inner.of(l, r);
    }

    private static Sub build(List<Sub> leaves, int lo, int hi, int depth) {
      if (lo == hi) {
        return EMPTY_SUB;
      }
      if (hi - lo == 1) {
        return leaves.get(lo);
      }
      int mid = lo;
      while (mid < hi && !bit(keyHashOf(leaves.get(mid)), depth)) {
        mid++;
      }
      return Inner.of(build(leaves, lo, mid, depth + 1), build(leaves, mid, hi, depth + 1));
    }
  }

  /** A stored leaf: {@code LEAF ‖ keyHash ‖ keyLength(4) ‖ key ‖ value}. */
  static byte[] encodeLeaf(byte[] keyHash, ByteString key, ByteString value) {
    byte[] out = new byte[37 + key.size() + value.size()];
    ByteBuffer.wrap(out).put(LEAF).put(keyHash).putInt(key.size());
    key.copyTo(out, 37);
    value.copyTo(out, 37 + key.size());
    return out;
  }

  private static ByteString storedKey(byte[] leaf) {
    return ByteString.copyFrom(leaf, 37, keyLength(leaf));
  }

  private static ByteString storedValue(byte[] leaf) {
    int keyLen = keyLength(leaf);
    return ByteString.copyFrom(leaf, 37 + keyLen, leaf.length - 37 - keyLen);
  }

  private static int keyLength(byte[] leaf) {
    return ByteBuffer.wrap(leaf, 33, 4).getInt();
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

  /** Reads stored pages or leaves by their node keys: null for a missing one, in their order. */
  @FunctionalInterface
  interface BatchReader {
    List<byte[]> readAll(List<byte[]> nodeKeys);
  }

  /**
   * A point on the path an update of the key with hash {@code keyHash} walks: the stored subtree
   * {@code ref} at {@code depth}/{@code path}. An update opens every page its keys' paths cross,
   * down to a leaf or an empty subtree, and no leaf.
   */
  record PathPoint(byte[] keyHash, Ref ref, int depth, byte[] path) {

    static PathPoint start(Ref root, byte[] keyHash) {
      return new PathPoint(keyHash, root, 0, new byte[32]);
    }

    /** Whether the path goes on through a stored page, the one {@link #nodeKey} names. */
    boolean atPage() {
      return ref.kind() == INNER;
    }

    byte[] nodeKey() {
      return ref.nodeKey(depth, path);
    }

    /** The point past {@code page}, the stored page this point names. */
    PathPoint through(byte[] page) {
      byte[] p = path;
      int d = depth;
      int pos = 0;
      for (int level = 0; level < PAGE_LEVELS && page[pos] == INNER; level++) {
        boolean right = bit(keyHash, d);
        int children = pos + innerLength(level);
        pos = right ? skip(page, children, level + 1) : children;
        p = child(p, d, right);
        d++;
      }
      Ref next = page[pos] == INNER ? Ref.decode(ByteBuffer.wrap(page).position(pos)) : Ref.NONE;
      return new PathPoint(keyHash, next, d, p);
    }
  }

  // ---- reads and proofs ----

  /** The value of {@code key} with its proof in the tree at {@code root}. */
  static Proven prove(NodeReader reader, Ref root, ByteString key) {
    byte[] keyHash = keccak256(key.toByteArray());
    List<byte[]> siblings = new ArrayList<>();
    Sub cur = root.kind() == EMPTY ? EMPTY_SUB : new Old(root);
    byte[] path = new byte[32];
    int depth = 0;
    while (true) {
      cur = open(reader, cur, depth, path);
      if (!(cur instanceof Inner inner)) {
        break;
      }
      boolean right = bit(keyHash, depth);
      siblings.add(right ? inner.left().hash() : inner.right().hash());
      cur = right ? inner.right() : inner.left();
      path = child(path, depth, right);
      depth++;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(ProofVerifier.FORMAT);
    out.write(depth >>> 8);
    out.write(depth & 0xff);
    Optional<ByteString> value = Optional.empty();
    if (cur.kind() == LEAF) {
      Ref leaf = ((Old) cur).ref();
      ByteString leafValue = storedValue(load(reader, leaf.nodeKey(depth, path)));
      out.write(1);
      out.writeBytes(leaf.keyHash());
      out.writeBytes(keccak256(leafValue.toByteArray()));
      if (Arrays.equals(leaf.keyHash(), keyHash)) {
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
    walk(reader, root.kind() == EMPTY ? EMPTY_SUB : new Old(root), 0, new byte[32], visitor);
  }

  private static boolean walk(
      NodeReader reader, Sub sub, int depth, byte[] path, EntryVisitor visitor) {
    Sub s = open(reader, sub, depth, path);
    if (s instanceof Inner inner) {
      return walk(reader, inner.left(), depth + 1, child(path, depth, false), visitor)
          && walk(reader, inner.right(), depth + 1, child(path, depth, true), visitor);
    }
    if (s.kind() == EMPTY) {
      return true;
    }
    byte[] leaf = load(reader, ((Old) s).ref().nodeKey(depth, path));
    return visitor.visit(storedKey(leaf), storedValue(leaf));
  }
}
