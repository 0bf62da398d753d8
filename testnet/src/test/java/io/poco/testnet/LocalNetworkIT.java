package io.poco.testnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Four pocod validators on loopback: heights advance together and agree block by block. */
class LocalNetworkIT {

  @TempDir Path dir;

  @Test
  void fourValidatorsAdvanceTogetherAndAgree() throws Exception {
    try (LocalNetwork net =
        LocalNetwork.create(dir.resolve("net"), LocalNetwork.Options.defaults())) {
      net.start();
      net.awaitHeight(5, Duration.ofSeconds(120));
      long[] h = net.heights();
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (long x : h) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
      assertTrue(max - min <= 2, "heights apart: " + java.util.Arrays.toString(h));
      LocalNetwork.Agreement a = net.checkAgreement();
      assertEquals(4, a.nodes());
      assertTrue(a.heights() >= 5);
    }
  }
}
