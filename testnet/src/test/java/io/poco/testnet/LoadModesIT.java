package io.poco.testnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load modes the benchmark does not use by default, on one 4-validator network: open-loop
 * transfers at a fixed rate (the driver sends on its clock, not on commits), then the PoCo workload
 * with a share of wrong votes and replication 4. Every acknowledged transaction is on every node
 * and the nodes agree at every height.
 */
class LoadModesIT {

  @TempDir Path dir;

  @Test
  void openLoopTransfersAndWrongVotesCommitAndTheNetworkAgrees() throws Exception {
    String chain = "poco-testnet";
    int transferLanes = 4;
    int pocoLanes = 2;
    LocalNetwork.Options options =
        LocalNetwork.Options.defaults()
            .withAccounts(PocoWorkload.accountsNeeded(pocoLanes) + transferLanes);
    try (LocalNetwork net = LocalNetwork.create(dir.resolve("net"), options);
        CommitTracker tracker = FaultScenariosIT.startAndTrack(net)) {
      LoadDriver driver = new LoadDriver(net, tracker);

      // open loop: 10 tx/s for 6 s whatever the commits do
      List<TransferWorkload.TransferLane> transfers =
          TransferWorkload.lanes(
              chain, PocoWorkload.accountsNeeded(pocoLanes), transferLanes, net.size());
      LoadReport open =
          driver.run(transfers, LoadDriver.Settings.openLoop(Duration.ofSeconds(6), 10));
      System.out.println("[open loop] " + open.summary());
      assertTrue(
          open.submitted() >= 40 && open.submitted() <= 70,
          "the rate sets what is sent: " + open.summary());
      assertEquals(open.submitted(), open.committedOk(), open.summary());
      long sent = 0;
      for (TransferWorkload.TransferLane lane : transfers) {
        sent += lane.sentOk();
      }
      assertEquals(open.submitted(), sent);

      // wrong votes: a quarter of the contributions carry a wrong result
      PocoWorkload saboteurs = new PocoWorkload(chain, 4, 1, 250);
      List<PocoWorkload.PocoLane> lanes = saboteurs.setUp(driver, pocoLanes, net.size());
      LoadReport poco = driver.run(lanes, LoadDriver.Settings.closedLoop(Duration.ofSeconds(10)));
      System.out.println("[wrong votes] " + poco.summary());
      long wrong = 0;
      long cast = 0;
      for (PocoWorkload.PocoLane lane : lanes) {
        wrong += lane.wrongVotes();
        cast += lane.votesCast();
      }
      System.out.println("[wrong votes] " + wrong + " of " + cast + " contributions were wrong");
      assertTrue(cast >= 32, "at least two batches of 16 were signed: " + cast);
      assertTrue(wrong > 0 && wrong < cast, wrong + " wrong of " + cast);
      assertTrue(poco.contributions() > 0, poco.summary());

      net.awaitHeight(tracker.nextHeight(), Duration.ofSeconds(60));
      assertEquals(4, net.checkAgreement().nodes());
      NetworkChecks.assertAcknowledgedEverywhere(net, open.acknowledged());
      NetworkChecks.assertAcknowledgedEverywhere(net, poco.acknowledged());
    }
  }
}
