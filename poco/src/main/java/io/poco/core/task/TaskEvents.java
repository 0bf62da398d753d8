package io.poco.core.task;

import com.google.protobuf.ByteString;
import io.poco.core.exec.ChainEvent;
import io.poco.core.ids.PocoIds;
import io.poco.proto.v1.TaskStatus;

/**
 * Events of the task round. Every one has type {@code task} and attribute {@code id} (the 0x-hex
 * task id), so CometBFT's {@code tx_search "task.id='0x…'"} finds every transaction that touched
 * the task; {@code action} names the operation and {@code status} the task's status after it.
 */
final class TaskEvents {

  private TaskEvents() {}

  static ChainEvent.Builder task(ByteString taskId, String action, TaskStatus status) {
    return ChainEvent.of("task")
        .attr("id", PocoIds.hex(taskId))
        .attr("action", action)
        .attr("status", name(status));
  }

  static String name(TaskStatus status) {
    String s = status.name();
    return s.startsWith("TASK_STATUS_") ? s.substring("TASK_STATUS_".length()) : s;
  }
}
