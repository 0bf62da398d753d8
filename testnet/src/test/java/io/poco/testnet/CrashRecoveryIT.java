package io.poco.testnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * targets.md R2: under a transfer load, {@code kill -9} of a random node's application or CometBFT
 * at random moments ({@code -Dr2.kills=N}, default 6; the target asks for 20), each restarted; then
 * every node has the same block and app hash at every height, every acknowledged transfer is in
 * every node's chain, and balances and nonces show no transfer lost or applied twice.
 */
class CrashRecoveryIT {

  @TempDir Path dir;

  @Test
  void killDashNineOfAppOrCometBftUnderLoadLosesNothing() throws Exception {
    int kills = Integer.getInteger("r2.kills", 6);
    long seed = Long.getLong("r2.seed", System.nanoTime());
    System.out.println("[R2] " + kills + " kills, seed " + seed + " (-Dr2.seed to replay)");
    Random random = new Random(seed);
    LocalNetwork.Options options = LocalNetwork.Options.defaults();
    try (LocalNetwork net = LocalNetwork.create(dir.resolve("net"), options);
        CommitTracker tracker = FaultScenariosIT.startAndTrack(net)) {
      LoadDriver driver = new LoadDriver(net, tracker);
      List<TransferWorkload.TransferLane> lanes =
          TransferWorkload.lanes(options.chainId(), 0, 8, 4);
      Duration loadTime = Duration.ofSeconds(8L * kills + 10);
      CompletableFuture<LoadReport> load =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return driver.run(lanes, LoadDriver.Settings.closedLoop(loadTime));
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      for (int k = 0; k < kills; k++) {
        Thread.sleep(500 + random.nextInt(2_500));
        LocalNode victim = net.node(random.nextInt(net.size()));
        boolean app = random.nextBoolean();
        long at = victim.height();
        if (app) {
          victim.killApp();
          awaitExit(victim);
        } else {
          victim.killComet();
        }
        System.out.printf(
            "[R2] kill %d: SIGKILL of node%d's %s at height %d%n",
            k + 1, victim.index(), app ? "application" : "CometBFT", at);
        Thread.sleep(random.nextInt(2_000));
        victim.start();
        long target = net.maxHeight();
        net.awaitHeight(target, Duration.ofSeconds(90), victim.index());
      }
      LoadReport report = load.get();
      System.out.println("[R2] load during the kills: " + report.summary());
      assertTrue(report.committedOk() > 0, report.summary());
      net.awaitHeight(tracker.nextHeight(), Duration.ofSeconds(90));
      LocalNetwork.Agreement agreement = net.checkAgreement();
      System.out.println(
          "[R2] " + agreement.nodes() + " nodes agree on " + agreement.heights() + " heights");
      assertEquals(4, agreement.nodes());
      assertEquals(0, report.committedFailed(), report.summary());
      NetworkChecks.assertAcknowledgedEverywhere(net, report.acknowledged());
      NetworkChecks.assertTransferState(net, lanes);
    }
  }

  /** CometBFT stops by itself when its application dies; if it has not after 10 s, stop it. */
  private static void awaitExit(LocalNode node) throws InterruptedException {
    for (int i = 0; i < 100 && node.cometRunning(); i++) {
      Thread.sleep(100);
    }
    if (node.cometRunning()) {
      System.out.println("[R2] CometBFT of node" + node.index() + " outlived its app: stopping it");
      node.stop();
    }
  }
}
