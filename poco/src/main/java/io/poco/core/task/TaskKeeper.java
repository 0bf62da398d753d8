package io.poco.core.task;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.exec.Schema;
import io.poco.proto.v1.ConsensusGroup;
import io.poco.proto.v1.Contribution;
import io.poco.proto.v1.Deal;
import io.poco.proto.v1.Task;
import io.poco.state.KeyValueReader;
import io.poco.state.StateUpdater;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes deals, tasks, contributions, consensus groups, scores and the blacklist. */
public final class TaskKeeper {

  private TaskKeeper() {}

  public static Optional<Deal> deal(KeyValueReader state, ByteString dealId) {
    return Schema.DEALS.get(state, dealId);
  }

  public static Optional<Task> task(KeyValueReader state, ByteString taskId) {
    return Schema.TASKS.get(state, taskId);
  }

  public static void putTask(StateUpdater state, ByteString taskId, Task task) {
    Schema.TASKS.put(state, taskId, task);
  }

  public static Optional<Contribution> contribution(
      KeyValueReader state, ByteString taskId, Address worker) {
    return Schema.CONTRIBUTIONS.get(state, taskId.concat(worker.bytes()));
  }

  public static void putContribution(
      StateUpdater state, ByteString taskId, Address worker, Contribution contribution) {
    Schema.CONTRIBUTIONS.put(state, taskId.concat(worker.bytes()), contribution);
  }

  /** Every contribution of the task, in worker-address order. */
  public static List<WorkerContribution> contributions(KeyValueReader state, ByteString taskId) {
    List<WorkerContribution> out = new ArrayList<>();
    ByteString prefix = Schema.CONTRIBUTIONS.key(taskId);
    state.scan(
        prefix,
        prefix,
        Integer.MAX_VALUE,
        (key, value) -> {
          Address worker = new Address(key.substring(prefix.size()));
          out.add(new WorkerContribution(worker, Schema.CONTRIBUTIONS.decodeValue(value)));
          return true;
        });
    return out;
  }

  static Optional<ConsensusGroup> group(
      KeyValueReader state, ByteString taskId, ByteString resultHash) {
    return Schema.CONSENSUS_GROUPS.get(state, taskId.concat(resultHash));
  }

  static void putGroup(
      StateUpdater state, ByteString taskId, ByteString resultHash, ConsensusGroup group) {
    Schema.CONSENSUS_GROUPS.put(state, taskId.concat(resultHash), group);
  }

  static void deleteGroup(StateUpdater state, ByteString taskId, ByteString resultHash) {
    Schema.CONSENSUS_GROUPS.delete(state, taskId.concat(resultHash));
  }

  public static long score(KeyValueReader state, Address worker) {
    return Schema.WORKER_SCORES.get(state, worker.bytes()).orElse(0L);
  }

  public static void putScore(StateUpdater state, Address worker, long score) {
    Schema.WORKER_SCORES.put(state, worker.bytes(), score);
  }

  /** Block time until which the worker is banned from contributing; 0 if it never was. */
  public static long blacklistedUntil(KeyValueReader state, Address worker) {
    return Schema.BLACKLIST.get(state, worker.bytes()).orElse(0L);
  }

  /** True while the worker is blacklisted ({@code now <} the end of its ban). */
  public static boolean blacklisted(KeyValueReader state, Address worker, long now) {
    return Schema.BLACKLIST.get(state, worker.bytes()).map(until -> now < until).orElse(false);
  }

  /**
   * A task just COMPLETED with these winners and this end of its reversal window: indexes the
   * winners' in-window wins (for backtracking, poco.md §7) and queues the task for the block's
   * spot-check draw (§6).
   */
  static void recordCompletion(
      StateUpdater state, ByteString taskId, List<Address> winners, long releaseTime) {
    for (Address w : winners) {
      Schema.WINS.put(state, w.bytes().concat(taskId), releaseTime);
    }
    Schema.COMPLETED_IN_BLOCK.put(state, taskId, 0L);
  }

  /** Drops the task's wins from the index: it settled or was reversed. */
  public static void forgetWins(StateUpdater state, ByteString taskId) {
    for (WorkerContribution wc : contributions(state, taskId)) {
      Schema.WINS.delete(state, wc.worker().bytes().concat(taskId));
    }
  }

  /** The tasks {@code worker} won that are still inside their reversal window, in id order. */
  public static List<ByteString> wins(KeyValueReader state, Address worker) {
    List<ByteString> out = new ArrayList<>();
    ByteString prefix = Schema.WINS.key(worker.bytes());
    state.scan(
        prefix,
        prefix,
        Integer.MAX_VALUE,
        (key, value) -> {
          out.add(key.substring(prefix.size()));
          return true;
        });
    return out;
  }

  public static void blacklist(StateUpdater state, Address worker, long until) {
    Schema.BLACKLIST.put(state, worker.bytes(), Math.max(until, blacklistedUntil(state, worker)));
  }
}
