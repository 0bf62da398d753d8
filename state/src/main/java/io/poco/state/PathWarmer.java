package io.poco.state;

import com.google.protobuf.ByteString;
import io.poco.state.proof.ProofVerifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads the tree pages a block's writes will open while the block is still executing, on a thread
 * of its own, and holds them for the block's tree update.
 *
 * <p>Execution runs on one thread, so on a validator the other core is idle until the tree update
 * starts; that update then spends much of its time reading pages from RocksDB (at 10^7 pairs a
 * write's path crosses eight or nine pages). Each key a block writes is handed here as soon as it
 * is staged. The keys waiting when the thread gets to them are walked together, one level of pages
 * at a time, each level's missing pages read in one batch; the update reads them from here first.
 *
 * <p>Nothing here decides what is written: a node key names a page that never changes (it holds the
 * version the page was written at), so a page read here is the page the update would read itself,
 * and a page missing here is read from the store as before. Warming stops when the update starts
 * ({@link #reader}), and a failure only ends warming.
 */
final class PathWarmer {

  /** The most keys walked together: a batch's pages are one read per level. */
  private static final int MAX_BATCH = 512;

  private final MerkleTree.BatchReader store;
  private final MerkleTree.Ref root;
  private final Executor executor;

  /** Pages read so far, by node key; written by the warming thread only. */
  private final ConcurrentHashMap<ByteBuffer, byte[]> pages = new ConcurrentHashMap<>();

  private final ConcurrentLinkedQueue<ByteString> waiting = new ConcurrentLinkedQueue<>();

  /** Whether a drain of {@link #waiting} is scheduled or running. */
  private final AtomicBoolean draining = new AtomicBoolean();

  private volatile boolean stopped;

  /**
   * Warms paths of the tree at {@code root}, reading pages from {@code store} on {@code executor}.
   */
  PathWarmer(MerkleTree.BatchReader store, MerkleTree.Ref root, Executor executor) {
    this.store = store;
    this.root = root;
    this.executor = executor;
  }

  /** Queues the paths of {@code keys} for reading (copied before this returns). */
  void warm(Collection<ByteString> keys) {
    if (stopped || root.kind() != MerkleTree.INNER) {
      return;
    }
    waiting.addAll(keys);
    if (draining.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        stopped = true; // the store is closing
      }
    }
  }

  private void drain() {
    try {
      while (!stopped) {
        List<ByteString> batch = new ArrayList<>();
        for (ByteString k; batch.size() < MAX_BATCH && (k = waiting.poll()) != null; ) {
          batch.add(k);
        }
        if (batch.isEmpty()) {
          draining.set(false);
          // a key queued after the poll and before the flag was cleared found a drain running
          if (waiting.isEmpty() || !draining.compareAndSet(false, true)) {
            return;
          }
        } else {
          readPaths(batch);
        }
      }
    } catch (RuntimeException e) {
      stopped = true; // a hint only: the update reads whatever is not here
    }
  }

  /** Walks the paths of {@code keys} down together, one batched read per level of pages. */
  private void readPaths(List<ByteString> keys) {
    List<MerkleTree.PathPoint> points = new ArrayList<>(keys.size());
    for (ByteString key : keys) {
      points.add(MerkleTree.PathPoint.start(root, ProofVerifier.keccak256(key.toByteArray())));
    }
    while (!points.isEmpty() && !stopped) {
      List<ByteBuffer> keysHere = new ArrayList<>(points.size());
      List<byte[]> wanted = new ArrayList<>();
      Set<ByteBuffer> asked = new HashSet<>(); // membership only
      for (MerkleTree.PathPoint p : points) {
        ByteBuffer k = ByteBuffer.wrap(p.nodeKey());
        keysHere.add(k);
        if (!pages.containsKey(k) && asked.add(k)) {
          wanted.add(k.array());
        }
      }
      if (!wanted.isEmpty()) {
        List<byte[]> read = store.readAll(wanted);
        for (int i = 0; i < wanted.size(); i++) {
          if (read.get(i) != null) {
            pages.put(ByteBuffer.wrap(wanted.get(i)), read.get(i));
          }
        }
      }
      List<MerkleTree.PathPoint> next = new ArrayList<>(points.size());
      for (int i = 0; i < points.size(); i++) {
        byte[] page = pages.get(keysHere.get(i));
        if (page != null) { // a missing page ends that path: the update will report it
          MerkleTree.PathPoint below = points.get(i).through(page);
          if (below.atPage()) {
            next.add(below);
          }
        }
      }
      points = next;
    }
  }

  /**
   * Stops warming and returns the reader for the block's tree update: the pages read here, then
   * {@code store}.
   */
  MerkleTree.NodeReader reader(MerkleTree.NodeReader store) {
    stopped = true;
    return nodeKey -> {
      byte[] page = pages.get(ByteBuffer.wrap(nodeKey));
      return page != null ? page : store.read(nodeKey);
    };
  }

  /** Drops the pages read: the update that needed them is done. */
  void release() {
    stopped = true;
    pages.clear();
  }

  /** The number of pages read so far (for tests). */
  int pagesRead() {
    return pages.size();
  }
}
