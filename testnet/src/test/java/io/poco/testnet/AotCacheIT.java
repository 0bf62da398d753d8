package io.poco.testnet;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm start of docs/OPERATOR.md and of the network benchmark: a pocod stopped with SIGTERM
 * writes the AOT cache it was asked to record, and a pocod told to start from that cache (and to
 * refuse to start without it) starts and commits blocks.
 */
class AotCacheIT {

  @TempDir Path dir;

  @Test
  void aCacheWrittenAtACleanStopStartsTheNextNode() throws Exception {
    assumeTrue(Runtime.version().feature() >= 25, "AOT caches need JDK 25");
    Path cache = dir.resolve("pocod-{node}.aot");
    Path written = dir.resolve("pocod-0.aot");
    LocalNetwork.Options one = LocalNetwork.Options.defaults().withValidators(1).withAccounts(1);

    LocalNetwork.Options recording = one.withAppJvmOptions(List.of("-XX:AOTCacheOutput=" + cache));
    try (LocalNetwork net = LocalNetwork.create(dir.resolve("recording"), recording)) {
      net.start();
      net.awaitHeight(3, Duration.ofSeconds(60));
      net.stop();
    }
    assertTrue(Files.isRegularFile(written), "no AOT cache written at a clean stop");
    assertTrue(Files.size(written) > 1_000_000, "AOT cache of " + Files.size(written) + " bytes");

    // AOTMode=on: the JVM exits at start if it cannot use the cache
    LocalNetwork.Options warm =
        one.withAppJvmOptions(List.of("-XX:AOTCache=" + cache, "-XX:AOTMode=on"));
    try (LocalNetwork net = LocalNetwork.create(dir.resolve("warm"), warm)) {
      net.start();
      net.awaitHeight(3, Duration.ofSeconds(60));
    }
  }
}
