package io.poco.state;

import com.google.protobuf.ByteString;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@link StateUpdater} of every store: writes and deletes staged in a sorted map over a parent
 * view. A nested updater commits into its parent; the top-level one is handed to {@link
 * VersionedStore#prepare}.
 */
public final class StagedUpdater implements StateUpdater {

  /** Staged writes; an empty Optional marks a delete. */
  private final NavigableMap<ByteString, Optional<ByteString>> writes =
      new TreeMap<>(ByteString.unsignedLexicographicalComparator());

  private final KeyValueReader parent;
  private final StagedUpdater parentUpdater;

  /** Reads ahead the tree paths of this block's writes (top level only), or null. */
  private final PathWarmer warmer;

  private boolean done;

  public StagedUpdater(KeyValueReader parent) {
    this(parent, null);
  }

  /** A top-level write set that hands each key it receives to {@code warmer}. */
  StagedUpdater(KeyValueReader parent, PathWarmer warmer) {
    this.parent = parent;
    this.parentUpdater = parent instanceof StagedUpdater s ? s : null;
    this.warmer = warmer;
  }

  /** The warmer of this write set's tree paths, or null. */
  PathWarmer warmer() {
    return warmer;
  }

  /** The staged writes in key order (empty value = delete). */
  public NavigableMap<ByteString, Optional<ByteString>> writes() {
    return writes;
  }

  @Override
  public Optional<ByteString> get(ByteString key) {
    Optional<ByteString> staged = writes.get(key);
    return staged != null ? staged : parent.get(key);
  }

  @Override
  public void put(ByteString key, ByteString value) {
    checkOpen();
    writes.put(key, Optional.of(value));
    warm(key);
  }

  @Override
  public void delete(ByteString key) {
    checkOpen();
    writes.put(key, Optional.empty());
    warm(key);
  }

  @Override
  public StateUpdater nested() {
    checkOpen();
    return new StagedUpdater(this);
  }

  @Override
  public void commit() {
    checkOpen();
    if (parentUpdater == null) {
      throw new IllegalStateException("a top-level write set is persisted by its store");
    }
    parentUpdater.writes.putAll(writes);
    if (parentUpdater.warmer != null && !writes.isEmpty()) {
      parentUpdater.warmer.warm(writes.keySet());
    }
    done = true;
  }

  @Override
  public void revert() {
    writes.clear();
    done = parentUpdater != null;
  }

  /** Hands {@code key} to the warmer, if this write set has one (nested ones never do). */
  private void warm(ByteString key) {
    if (warmer != null) {
      warmer.warm(List.of(key));
    }
  }

  private void checkOpen() {
    if (done) {
      throw new IllegalStateException("updater already committed or reverted");
    }
  }

  @Override
  public void scan(ByteString prefix, ByteString startInclusive, int limit, EntryVisitor visitor) {
    Iterator<Map.Entry<ByteString, Optional<ByteString>>> staged =
        writes.tailMap(startInclusive, true).entrySet().iterator();
    Merge merge = new Merge(prefix, staged, limit, visitor);
    parent.scan(prefix, startInclusive, Integer.MAX_VALUE, merge::fromParent);
    merge.drain();
  }

  /** Merges the staged entries into the parent's ordered stream. */
  private static final class Merge {
    private final ByteString prefix;
    private final Iterator<Map.Entry<ByteString, Optional<ByteString>>> staged;
    private final EntryVisitor visitor;
    private Map.Entry<ByteString, Optional<ByteString>> next;
    private int remaining;
    private boolean stopped;

    Merge(
        ByteString prefix,
        Iterator<Map.Entry<ByteString, Optional<ByteString>>> staged,
        int limit,
        EntryVisitor visitor) {
      this.prefix = prefix;
      this.staged = staged;
      this.visitor = visitor;
      this.remaining = limit;
      advance();
    }

    private void advance() {
      next = null;
      while (staged.hasNext()) {
        Map.Entry<ByteString, Optional<ByteString>> e = staged.next();
        if (e.getKey().startsWith(prefix)) {
          next = e;
          return;
        }
        if (compare(e.getKey(), prefix) > 0) {
          return;
        }
      }
    }

    private boolean emit(ByteString key, ByteString value) {
      if (remaining <= 0 || stopped) {
        return false;
      }
      remaining--;
      if (!visitor.visit(key, value)) {
        stopped = true;
      }
      return !stopped && remaining > 0;
    }

    boolean fromParent(ByteString key, ByteString value) {
      while (next != null && compare(next.getKey(), key) < 0) {
        Map.Entry<ByteString, Optional<ByteString>> e = next;
        advance();
        if (e.getValue().isPresent() && !emit(e.getKey(), e.getValue().get())) {
          return false;
        }
      }
      if (next != null && next.getKey().equals(key)) {
        Map.Entry<ByteString, Optional<ByteString>> e = next;
        advance();
        return e.getValue().isEmpty() || emit(key, e.getValue().get());
      }
      return emit(key, value);
    }

    void drain() {
      while (next != null && !stopped && remaining > 0) {
        Map.Entry<ByteString, Optional<ByteString>> e = next;
        advance();
        if (e.getValue().isPresent()) {
          emit(e.getKey(), e.getValue().get());
        }
      }
    }

    private static int compare(ByteString a, ByteString b) {
      return ByteString.unsignedLexicographicalComparator().compare(a, b);
    }
  }
}
