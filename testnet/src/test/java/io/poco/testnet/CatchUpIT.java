package io.poco.testnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * targets.md P6: a validator stopped while the others commit {@code -Dp6.blocks=N} blocks (default
 * 100; the target names 1 000) rejoins and catches up; the replay rate is printed as a JSON line
 * (measured, not asserted: speed is for benchmarks), and the rejoined node agrees with the others
 * at every height.
 */
class CatchUpIT {

  @TempDir Path dir;

  @Test
  void aValidatorStoppedForManyBlocksRejoins() throws Exception {
    int blocks = Integer.getInteger("p6.blocks", 100);
    LocalNetwork.Options options = LocalNetwork.Options.defaults().withTimeoutCommit("20ms");
    try (LocalNetwork net = LocalNetwork.create(dir.resolve("net"), options)) {
      CatchUp.shortRounds(net);
      net.start();
      net.awaitHeight(3, Duration.ofSeconds(120));
      CatchUp.Result r = CatchUp.measure(net, 3, blocks, Duration.ofSeconds(60L + blocks));
      System.out.println(r.json());
      assertTrue(r.behind() >= blocks, "stopped for " + r.behind() + " blocks");
      assertEquals(4, net.checkAgreement().nodes());
    }
  }
}
