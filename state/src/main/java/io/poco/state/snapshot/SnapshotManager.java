package io.poco.state.snapshot;

import com.google.protobuf.ByteString;
import io.poco.state.PreparedBlock;
import io.poco.state.StateUpdater;
import io.poco.state.VersionedStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes, lists and serves state-sync snapshots, and restores one into an empty store.
 *
 * <p>Format 1: the pairs of a height in the order of their keys' Keccak hashes (the tree's order,
 * so every node cuts the same chunks), each as {@code keyLen(4) ‖ key ‖ valueLen(4) ‖ value}, cut
 * into chunks once a chunk reaches {@link #CHUNK_BYTES}. A snapshot lives in {@code dir/<height>/}
 * (files {@code metadata} and {@code 0}, {@code 1}, ...), written to a temporary directory and
 * renamed, so a crash never leaves half a snapshot; the newest {@code keep} are kept.
 */
public final class SnapshotManager {

  public static final int FORMAT = 1;
  static final int CHUNK_BYTES = 4 << 20;

  /** The outcome of offering a snapshot. */
  public enum Offer {
    ACCEPT,
    REJECT,
    REJECT_FORMAT
  }

  /** The outcome of applying a chunk. */
  public enum Apply {
    ACCEPT,
    RETRY,
    REJECT_SNAPSHOT,
    ABORT
  }

  private final Path dir;
  private final int keep;
  private final int chunkBytes;

  private SnapshotInfo restoring;
  private byte[] expectedRoot;
  private StateUpdater restored;
  private int nextChunk;

  public SnapshotManager(Path dir, int keep) {
    this(dir, keep, CHUNK_BYTES);
  }

  SnapshotManager(Path dir, int keep, int chunkBytes) {
    this.dir = dir;
    this.keep = keep;
    this.chunkBytes = chunkBytes;
  }

  // ---- serving ----

  /** Writes the snapshot of the retained {@code height} of {@code store}. */
  public synchronized SnapshotInfo create(VersionedStore store, long height) {
    ByteString root =
        store
            .root(height)
            .orElseThrow(
                () -> new IllegalArgumentException("height " + height + " is not retained"));
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve(height + ".tmp");
      deleteTree(tmp);
      Files.createDirectories(tmp);
      ByteArrayOutputStream meta = new ByteArrayOutputStream();
      meta.writeBytes(root.toByteArray());
      ByteArrayOutputStream chunk = new ByteArrayOutputStream();
      int[] count = {0};
      IOException[] failure = {null};
      store.forEach(
          height,
          (k, v) -> {
            chunk.writeBytes(ByteBuffer.allocate(4).putInt(k.size()).array());
            chunk.writeBytes(k.toByteArray());
            chunk.writeBytes(ByteBuffer.allocate(4).putInt(v.size()).array());
            chunk.writeBytes(v.toByteArray());
            if (chunk.size() >= chunkBytes) {
              try {
                writeChunk(tmp, count[0]++, chunk, meta);
              } catch (IOException e) {
                failure[0] = e;
                return false;
              }
            }
            return true;
          });
      if (failure[0] != null) {
        throw failure[0];
      }
      if (chunk.size() > 0 || count[0] == 0) {
        writeChunk(tmp, count[0]++, chunk, meta);
      }
      Files.write(tmp.resolve("metadata"), meta.toByteArray());
      Path target = dir.resolve(Long.toString(height));
      deleteTree(target);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      prune();
      return info(height).orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the snapshot of height " + height, e);
    }
  }

  private static void writeChunk(
      Path tmp, int index, ByteArrayOutputStream chunk, ByteArrayOutputStream meta)
      throws IOException {
    byte[] bytes = chunk.toByteArray();
    Files.write(tmp.resolve(Integer.toString(index)), bytes);
    meta.writeBytes(sha256(bytes));
    chunk.reset();
  }

  private void prune() throws IOException {
    List<Long> heights = heights();
    for (int i = 0; i < heights.size() - keep; i++) {
      deleteTree(dir.resolve(Long.toString(heights.get(i))));
    }
  }

  private List<Long> heights() throws IOException {
    List<Long> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        String name = p.getFileName().toString();
        if (name.matches("[0-9]+") && Files.exists(p.resolve("metadata"))) {
          out.add(Long.parseLong(name));
        }
      }
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  private java.util.Optional<SnapshotInfo> info(long height) throws IOException {
    Path meta = dir.resolve(Long.toString(height)).resolve("metadata");
    if (!Files.exists(meta)) {
      return java.util.Optional.empty();
    }
    byte[] m = Files.readAllBytes(meta);
    return java.util.Optional.of(
        new SnapshotInfo(
            height,
            FORMAT,
            (m.length - 32) / 32,
            ByteString.copyFrom(sha256(m)),
            ByteString.copyFrom(m)));
  }

  /** The snapshots on disk, oldest first. */
  public synchronized List<SnapshotInfo> list() {
    try {
      List<SnapshotInfo> out = new ArrayList<>();
      for (long h : heights()) {
        info(h).ifPresent(out::add);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list snapshots in " + dir, e);
    }
  }

  /** A chunk's bytes, empty when there is no such snapshot or chunk. */
  public synchronized ByteString chunk(long height, int format, int index) {
    if (format != FORMAT || index < 0) {
      return ByteString.EMPTY;
    }
    Path p = dir.resolve(Long.toString(height)).resolve(Integer.toString(index));
    try {
      return Files.exists(p) ? ByteString.copyFrom(Files.readAllBytes(p)) : ByteString.EMPTY;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read snapshot chunk " + p, e);
    }
  }

  // ---- restoring ----

  /** Starts restoring {@code snapshot}, whose trusted app hash is {@code appHash}. */
  public synchronized Offer offer(VersionedStore store, SnapshotInfo snapshot, ByteString appHash) {
    if (snapshot.format() != FORMAT) {
      return Offer.REJECT_FORMAT;
    }
    byte[] meta = snapshot.metadata().toByteArray();
    if (store.lastHeight() != 0
        || snapshot.height() < 1
        || snapshot.chunks() < 1
        || meta.length != 32 + 32 * snapshot.chunks()
        || !Arrays.equals(sha256(meta), snapshot.hash().toByteArray())
        || !Arrays.equals(Arrays.copyOf(meta, 32), appHash.toByteArray())) {
      return Offer.REJECT;
    }
    restoring = snapshot;
    expectedRoot = appHash.toByteArray();
    restored = store.newBlock();
    nextChunk = 0;
    return Offer.ACCEPT;
  }

  /** Applies chunk {@code index}; after the last one, persists the state if its root matches. */
  public synchronized Apply apply(VersionedStore store, int index, ByteString chunk) {
    if (restoring == null) {
      return Apply.ABORT;
    }
    byte[] meta = restoring.metadata().toByteArray();
    if (index != nextChunk || index >= restoring.chunks()) {
      return Apply.RETRY;
    }
    byte[] bytes = chunk.toByteArray();
    if (!Arrays.equals(sha256(bytes), Arrays.copyOfRange(meta, 32 + 32 * index, 64 + 32 * index))) {
      return Apply.RETRY; // a bad chunk from one peer: fetch it again
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    try {
      while (buf.hasRemaining()) {
        byte[] k = new byte[buf.getInt()];
        buf.get(k);
        byte[] v = new byte[buf.getInt()];
        buf.get(v);
        restored.put(ByteString.copyFrom(k), ByteString.copyFrom(v));
      }
    } catch (RuntimeException malformed) {
      return Apply.REJECT_SNAPSHOT;
    }
    nextChunk++;
    if (nextChunk < restoring.chunks()) {
      return Apply.ACCEPT;
    }
    PreparedBlock block = store.restore(restoring.height(), restored);
    SnapshotInfo done = restoring;
    restoring = null;
    restored = null;
    if (!Arrays.equals(block.root().toByteArray(), expectedRoot)) {
      return Apply.REJECT_SNAPSHOT;
    }
    block.persist();
    assert store.lastHeight() == done.height();
    return Apply.ACCEPT;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> files = Files.walk(p)) {
      for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(f);
      }
    }
  }
}
