package io.poco.core.economics;

import com.google.protobuf.ByteString;
import io.poco.core.account.AccountKeeper;
import io.poco.core.crypto.Address;
import io.poco.core.exec.Schema;
import io.poco.proto.v1.PendingEntry;
import io.poco.proto.v1.Task;
import io.poco.proto.v1.TaskStatus;
import io.poco.state.KeyValueReader;
import io.poco.state.StateUpdater;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The reversal window's pending entries (poco.md §7): finalize records them, and {@link
 * #releaseDue} credits every entry whose release time has come, in (release time, key) order, and
 * marks the tasks SETTLED. Entries are keyed by release time first so that only what is due is ever
 * scanned.
 */
public final class PendingSettlement {

  /** What a block's release moved: the credits and the tasks that became SETTLED. */
  public record Release(List<PendingEntry> credited, List<ByteString> settledTasks) {
    public Release {
      credited = List.copyOf(credited);
      settledTasks = List.copyOf(settledTasks);
    }
  }

  private PendingSettlement() {}

  /** The sum of every pending entry. */
  public static long total(KeyValueReader state) {
    return Schema.PENDING_TOTAL.get(state, Schema.SINGLETON).orElse(0L);
  }

  /** Records {@code entry} as pending; its key's index is {@code index} within its task. */
  static void add(StateUpdater state, PendingEntry entry, int index) {
    ByteString key = entryKey(entry.getReleaseTime(), entry.getTaskId(), index);
    Schema.PENDING.put(state, key, entry);
    Schema.PENDING_BY_ACCOUNT.put(state, entry.getBeneficiary().concat(key), entry.getAmount());
    Schema.PENDING_TOTAL.put(
        state, Schema.SINGLETON, Math.addExact(total(state), entry.getAmount()));
  }

  /** Queues {@code taskId} to become SETTLED at {@code releaseTime}. */
  static void queueSettle(StateUpdater state, ByteString taskId, long releaseTime) {
    Schema.SETTLE_QUEUE.put(state, timeKey(releaseTime).concat(taskId), 0L);
  }

  /**
   * Credits every entry with release time at or before {@code now} and settles the due tasks. Cost
   * is proportional to what is due (plus one key read when nothing is).
   */
  public static Release releaseDue(StateUpdater state, long now) {
    List<ByteString> dueKeys = new ArrayList<>();
    List<PendingEntry> due = new ArrayList<>();
    Schema.PENDING.scan(
        state,
        null,
        Integer.MAX_VALUE,
        (key, entry) -> {
          if (Long.compareUnsigned(entry.getReleaseTime(), now) > 0) {
            return false;
          }
          dueKeys.add(key);
          due.add(entry);
          return true;
        });
    long released = 0;
    for (int i = 0; i < due.size(); i++) {
      PendingEntry entry = due.get(i);
      ByteString key = dueKeys.get(i);
      AccountKeeper.credit(state, new Address(entry.getBeneficiary()), entry.getAmount());
      Schema.PENDING.delete(state, key);
      Schema.PENDING_BY_ACCOUNT.delete(state, entry.getBeneficiary().concat(key));
      released = Math.addExact(released, entry.getAmount());
    }
    if (released != 0) {
      long left = total(state) - released;
      if (left < 0) {
        throw new IllegalStateException("pending total below zero after release");
      }
      if (left == 0) {
        Schema.PENDING_TOTAL.delete(state, Schema.SINGLETON);
      } else {
        Schema.PENDING_TOTAL.put(state, Schema.SINGLETON, left);
      }
    }
    List<ByteString> settleKeys = new ArrayList<>();
    Schema.SETTLE_QUEUE.scan(
        state,
        null,
        Integer.MAX_VALUE,
        (key, zero) -> {
          if (Long.compareUnsigned(key.substring(0, 8).asReadOnlyByteBuffer().getLong(), now) > 0) {
            return false;
          }
          settleKeys.add(key);
          return true;
        });
    List<ByteString> settled = new ArrayList<>();
    for (ByteString key : settleKeys) {
      ByteString taskId = key.substring(8);
      Schema.SETTLE_QUEUE.delete(state, key);
      Task task = Schema.TASKS.get(state, taskId).orElseThrow();
      if (task.getStatus() == TaskStatus.TASK_STATUS_COMPLETED) {
        Schema.TASKS.put(
            state, taskId, task.toBuilder().setStatus(TaskStatus.TASK_STATUS_SETTLED).build());
        settled.add(taskId);
      }
    }
    return new Release(due, settled);
  }

  /**
   * Removes the pending entries of {@code taskId} (released at {@code releaseTime}) that pass
   * {@code which}, and returns them. The caller pays their amounts elsewhere (poco.md §7).
   */
  public static List<PendingEntry> cancel(
      StateUpdater state, ByteString taskId, long releaseTime, Predicate<PendingEntry> which) {
    ByteString prefix = timeKey(releaseTime).concat(taskId);
    List<ByteString> keys = new ArrayList<>();
    List<PendingEntry> entries = new ArrayList<>();
    Schema.PENDING.scan(
        state,
        prefix,
        Integer.MAX_VALUE,
        (key, entry) -> {
          if (!key.startsWith(prefix)) {
            return false;
          }
          if (which.test(entry)) {
            keys.add(key);
            entries.add(entry);
          }
          return true;
        });
    long cancelled = 0;
    for (int i = 0; i < keys.size(); i++) {
      PendingEntry entry = entries.get(i);
      Schema.PENDING.delete(state, keys.get(i));
      Schema.PENDING_BY_ACCOUNT.delete(state, entry.getBeneficiary().concat(keys.get(i)));
      cancelled = Math.addExact(cancelled, entry.getAmount());
    }
    long left = total(state) - cancelled;
    if (left < 0) {
      throw new IllegalStateException("pending total below zero after a cancel");
    }
    if (left == 0) {
      Schema.PENDING_TOTAL.delete(state, Schema.SINGLETON);
    } else {
      Schema.PENDING_TOTAL.put(state, Schema.SINGLETON, left);
    }
    return entries;
  }

  /** The task no longer becomes SETTLED at {@code releaseTime} (it was reversed). */
  public static void unqueueSettle(StateUpdater state, ByteString taskId, long releaseTime) {
    Schema.SETTLE_QUEUE.delete(state, timeKey(releaseTime).concat(taskId));
  }

  /** Every pending entry of {@code beneficiary}, in release order. */
  public static List<PendingEntry> of(KeyValueReader state, Address beneficiary) {
    ByteString prefix = beneficiary.bytes();
    List<ByteString> keys = new ArrayList<>();
    Schema.PENDING_BY_ACCOUNT.scan(
        state,
        prefix,
        Integer.MAX_VALUE,
        (key, amount) -> {
          if (!key.startsWith(prefix)) {
            return false;
          }
          keys.add(key.substring(prefix.size()));
          return true;
        });
    List<PendingEntry> entries = new ArrayList<>();
    for (ByteString key : keys) {
      entries.add(Schema.PENDING.get(state, key).orElseThrow());
    }
    return entries;
  }

  private static ByteString entryKey(long releaseTime, ByteString taskId, int index) {
    return timeKey(releaseTime)
        .concat(taskId)
        .concat(ByteString.copyFrom(ByteBuffer.allocate(4).putInt(index).array()));
  }

  private static ByteString timeKey(long releaseTime) {
    return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(releaseTime).array());
  }
}
