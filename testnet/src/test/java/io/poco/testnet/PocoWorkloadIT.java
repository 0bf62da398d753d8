package io.poco.testnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.poco.core.ids.PocoIds;
import io.poco.proto.v1.QueryServiceGrpc;
import io.poco.proto.v1.TaskRequest;
import io.poco.proto.v1.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PoCo workload on 4 validators: two simulated workerpools push groups of tasks through
 * initialize, a contribution batch of 16, reveals and finalize; every transaction commits with code
 * 0, contributions are accepted, and every node reports the lanes' first tasks COMPLETED.
 */
class PocoWorkloadIT {

  @TempDir Path dir;

  @Test
  void workerpoolsCompleteTasksOnEveryNode() throws Exception {
    String chain = "poco-testnet";
    PocoWorkload poco = PocoWorkload.honest(chain);
    LocalNetwork.Options options =
        LocalNetwork.Options.defaults().withAccounts(PocoWorkload.accountsNeeded(2));
    try (LocalNetwork net = LocalNetwork.create(dir.resolve("net"), options);
        CommitTracker tracker = FaultScenariosIT.startAndTrack(net)) {
      LoadDriver driver = new LoadDriver(net, tracker);
      List<PocoWorkload.PocoLane> lanes = poco.setUp(driver, 2, net.size());
      LoadReport r = driver.run(lanes, LoadDriver.Settings.closedLoop(Duration.ofSeconds(10)));
      System.out.println("[poco] " + r.summary());
      assertEquals(0, r.committedFailed(), r.summary());
      assertTrue(r.contributions() >= 16, r.summary());
      net.awaitHeight(tracker.nextHeight(), Duration.ofSeconds(60));
      assertEquals(4, net.checkAgreement().nodes());
      NetworkChecks.assertAcknowledgedEverywhere(net, r.acknowledged());
      for (LocalNode n : net.nodes()) {
        ManagedChannel ch = ManagedChannelBuilder.forTarget(n.grpcTarget()).usePlaintext().build();
        try {
          for (PocoWorkload.PocoLane lane : lanes) {
            assertTrue(lane.tasksFinalized() >= 16, "lane finalized " + lane.tasksFinalized());
            TaskStatus status =
                QueryServiceGrpc.newBlockingStub(ch)
                    .task(TaskRequest.newBuilder().setId(PocoIds.taskId(lane.deal(), 0)).build())
                    .getTask()
                    .getStatus();
            assertEquals(TaskStatus.TASK_STATUS_COMPLETED, status, "on node" + n.index());
          }
        } finally {
          ch.shutdownNow();
        }
      }
    }
  }
}
