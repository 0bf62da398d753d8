package io.poco.core.economics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.poco.core.account.AccountKeeper;
import io.poco.core.crypto.Address;
import io.poco.core.exec.Schema;
import io.poco.core.params.PocoGenesis;
import io.poco.core.params.PocoParamsKeeper;
import io.poco.proto.v1.GenesisState;
import io.poco.proto.v1.PendingEntry;
import io.poco.proto.v1.Task;
import io.poco.proto.v1.TaskStatus;
import io.poco.state.InMemoryVersionedStore;
import io.poco.state.StateUpdater;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingSettlementTest {

  private final StateUpdater state = new InMemoryVersionedStore().newBlock();

  private static Address account(int n) {
    byte[] b = new byte[20];
    b[19] = (byte) n;
    return new Address(ByteString.copyFrom(b));
  }

  private static ByteString task(int n) {
    byte[] b = new byte[32];
    b[31] = (byte) n;
    return ByteString.copyFrom(b);
  }

  private void pending(int who, long amount, int task, long release, int index) {
    PendingSettlement.add(
        state,
        PendingEntry.newBuilder()
            .setBeneficiary(account(who).bytes())
            .setAmount(amount)
            .setTaskId(task(task))
            .setReleaseTime(release)
            .setKind(PayoutKind.WORKER_REWARD.name())
            .build(),
        index);
  }

  private void completed(int task, long release) {
    Schema.TASKS.put(
        state, task(task), Task.newBuilder().setStatus(TaskStatus.TASK_STATUS_COMPLETED).build());
    PendingSettlement.queueSettle(state, task(task), release);
  }

  @Test
  void releasesOnlyWhatIsDueInReleaseThenKeyOrderExactlyOnce() {
    pending(1, 500, 9, 2_000, 0);
    pending(1, 10, 7, 1_000, 0);
    pending(2, 20, 7, 1_000, 1);
    pending(2, 40, 8, 1_500, 0);
    completed(7, 1_000);
    completed(8, 1_500);
    completed(9, 2_000);
    assertEquals(570, PendingSettlement.total(state));
    assertEquals(2, PendingSettlement.of(state, account(1)).size());

    PendingSettlement.Release none = PendingSettlement.releaseDue(state, 999);
    assertTrue(none.credited().isEmpty());
    assertEquals(0, AccountKeeper.get(state, account(1)).getBalance());

    PendingSettlement.Release r = PendingSettlement.releaseDue(state, 1_500);
    assertEquals(
        List.of(10L, 20L, 40L), r.credited().stream().map(PendingEntry::getAmount).toList());
    assertEquals(List.of(task(7), task(8)), r.settledTasks());
    assertEquals(10, AccountKeeper.get(state, account(1)).getBalance());
    assertEquals(60, AccountKeeper.get(state, account(2)).getBalance());
    assertEquals(500, PendingSettlement.total(state));
    assertEquals(1, PendingSettlement.of(state, account(1)).size());
    assertEquals(0, PendingSettlement.of(state, account(2)).size());
    assertEquals(
        TaskStatus.TASK_STATUS_SETTLED, Schema.TASKS.get(state, task(7)).get().getStatus());
    assertEquals(
        TaskStatus.TASK_STATUS_COMPLETED, Schema.TASKS.get(state, task(9)).get().getStatus());

    assertTrue(PendingSettlement.releaseDue(state, 1_999).credited().isEmpty(), "once only");
    assertEquals(60, AccountKeeper.get(state, account(2)).getBalance());

    PendingSettlement.releaseDue(state, 5_000);
    assertEquals(510, AccountKeeper.get(state, account(1)).getBalance());
    assertEquals(0, PendingSettlement.total(state));
    assertEquals(
        TaskStatus.TASK_STATUS_SETTLED, Schema.TASKS.get(state, task(9)).get().getStatus());
  }

  @Test
  void theReversalWindowIsAGenesisParameterDefaultingToFourteenDays() {
    PocoGenesis.apply(state, GenesisState.getDefaultInstance());
    assertEquals(1_209_600L, PocoParamsKeeper.reversalWindow(state));

    StateUpdater other = new InMemoryVersionedStore().newBlock();
    PocoGenesis.apply(
        other,
        GenesisState.newBuilder()
            .setPoco(PocoParamsKeeper.defaults().toBuilder().setReversalWindowSeconds(60))
            .build());
    assertEquals(60, PocoParamsKeeper.reversalWindow(other));

    IllegalArgumentException zero =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                PocoGenesis.apply(
                    new InMemoryVersionedStore().newBlock(),
                    GenesisState.newBuilder()
                        .setPoco(
                            PocoParamsKeeper.defaults().toBuilder().setReversalWindowSeconds(0))
                        .build()));
    assertTrue(zero.getMessage().contains("reversal_window_seconds"), zero.getMessage());
  }
}
