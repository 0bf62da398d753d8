package io.poco.testnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * targets.md R1 on a real 4-validator network under a transfer load: one validator stopped, the
 * chain keeps committing; two stopped, it halts and the two left do not fork; both restarted, all
 * four catch up. Afterwards every node has the same block and app hash at every height, every
 * acknowledged transfer is in every node's chain, and every node's balances and nonces match what
 * was acknowledged.
 */
class FaultScenariosIT {

  @TempDir Path dir;

  @Test
  void oneStoppedKeepsCommittingTwoStoppedHaltsWithoutForkRestartedCatchUp() throws Exception {
    LocalNetwork.Options options = LocalNetwork.Options.defaults();
    try (LocalNetwork net = LocalNetwork.create(dir.resolve("net"), options);
        CommitTracker tracker = startAndTrack(net)) {
      LoadDriver driver = new LoadDriver(net, tracker);
      List<TransferWorkload.TransferLane> lanes =
          TransferWorkload.lanes(options.chainId(), 0, 8, 4);
      List<Committed> acked = new ArrayList<>();

      LoadReport all = driver.run(lanes, LoadDriver.Settings.closedLoop(Duration.ofSeconds(4)));
      System.out.println("[R1] 4 of 4 up: " + all.summary());
      assertTrue(all.committedOk() > 0, all.summary());
      acked.addAll(all.acknowledged());

      net.node(3).stop();
      long before = net.node(0).height();
      LoadReport three = driver.run(lanes, LoadDriver.Settings.closedLoop(Duration.ofSeconds(6)));
      System.out.println("[R1] node3 stopped: " + three.summary());
      assertTrue(three.committedOk() > 0, "no commit with 3 of 4 validators: " + three.summary());
      assertTrue(net.node(0).height() >= before + 3, "the chain did not advance with 3 of 4");
      acked.addAll(three.acknowledged());

      net.node(2).stop();
      Thread.sleep(2_000);
      long halted = Math.max(net.node(0).height(), net.node(1).height());
      Thread.sleep(6_000);
      long[] heights = net.heights();
      System.out.println("[R1] node2 and node3 stopped: heights " + Arrays.toString(heights));
      assertEquals(halted, heights[0], "node0 committed with 2 of 4 validators");
      assertEquals(halted, heights[1], "node1 committed with 2 of 4 validators");
      assertEquals(2, net.checkAgreement().nodes());

      net.node(2).start();
      net.node(3).start();
      net.awaitHeight(halted + 3, Duration.ofSeconds(90));
      LoadReport back = driver.run(lanes, LoadDriver.Settings.closedLoop(Duration.ofSeconds(4)));
      System.out.println("[R1] all restarted: " + back.summary());
      assertTrue(back.committedOk() > 0, back.summary());
      acked.addAll(back.acknowledged());

      net.awaitHeight(tracker.nextHeight(), Duration.ofSeconds(60));
      LocalNetwork.Agreement agreement = net.checkAgreement();
      System.out.println(
          "[R1] "
              + agreement.nodes()
              + " nodes agree on "
              + agreement.heights()
              + " heights; "
              + acked.size()
              + " acknowledged transfers");
      assertEquals(4, agreement.nodes());
      NetworkChecks.assertAcknowledgedEverywhere(net, acked);
      NetworkChecks.assertTransferState(net, lanes);
    }
  }

  static CommitTracker startAndTrack(LocalNetwork net) throws Exception {
    net.start();
    net.awaitHeight(2, Duration.ofSeconds(120));
    return new CommitTracker(net);
  }
}
