package io.poco.core.task;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.ids.PocoIds;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.Deal;
import io.poco.proto.v1.Task;
import io.poco.proto.v1.TaskStatus;
import io.poco.state.KeyValueReader;
import java.util.Optional;

/** A task and its deal loaded for an operation, or the reason the operation cannot start. */
record TaskGate(ByteString taskId, Task task, Deal deal, TxOutcome outcome) {

  static final int HASH_BYTES = 32;

  /** Loads the task and checks its status is {@code required}. */
  static TaskGate open(
      KeyValueReader state, String operation, ByteString taskId, TaskStatus required) {
    if (taskId.size() != HASH_BYTES) {
      return fail(TxCode.INVALID_PARAMETER, operation + ": task id must be 32 bytes");
    }
    Optional<Task> task = TaskKeeper.task(state, taskId);
    if (task.isEmpty()) {
      return fail(
          TxCode.UNKNOWN_TASK, operation + ": task " + PocoIds.hex(taskId) + " is not initialized");
    }
    if (task.get().getStatus() != required) {
      return fail(
          TxCode.WRONG_TASK_STATUS,
          operation
              + " needs a "
              + TaskEvents.name(required)
              + " task; "
              + PocoIds.hex(taskId)
              + " is "
              + TaskEvents.name(task.get().getStatus()));
    }
    Deal deal = TaskKeeper.deal(state, task.get().getDealId()).orElseThrow();
    return new TaskGate(taskId, task.get(), deal, TxOutcome.OK);
  }

  static TaskGate fail(TxCode code, String log) {
    return new TaskGate(ByteString.EMPTY, null, null, TxOutcome.fail(code, log));
  }

  boolean isOk() {
    return outcome.isOk();
  }

  Address scheduler() {
    return new Address(deal.getWorkerpoolOwner());
  }

  /** Fails unless {@code sender} is the deal's scheduler. */
  TxOutcome requireScheduler(String operation, Address sender) {
    if (sender.equals(scheduler())) {
      return TxOutcome.OK;
    }
    return TxOutcome.fail(
        TxCode.NOT_AUTHORIZED,
        operation + " is for the task's scheduler " + scheduler() + ", not " + sender);
  }
}
