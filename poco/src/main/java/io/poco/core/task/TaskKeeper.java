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

  static void putTask(StateUpdater state, ByteString taskId, Task task) {
    Schema.TASKS.put(state, taskId, task);
  }

  public static Optional<Contribution> contribution(
      KeyValueReader state, ByteString taskId, Address worker) {
    return Schema.CONTRIBUTIONS.get(state, taskId.concat(worker.bytes()));
  }

  static void putContribution(
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

  static void putScore(StateUpdater state, Address worker, long score) {
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
}
