package io.poco.testnet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * {@code make testnet}: a local network of {@code VALIDATORS} (default 4) pocod validators on
 * loopback, in the foreground until Ctrl-C; prints every node's height and the agreement check
 * every five seconds. The homes stay in {@code target/testnet-<time>} for inspection.
 */
public final class Testnet {

  private Testnet() {}

  public static void main(String[] args) throws Exception {
    int validators = Integer.parseInt(System.getenv().getOrDefault("VALIDATORS", "4"));
    String root = System.getProperty("poco.root", ".");
    Path dir = Path.of(root, "target", "testnet-" + System.currentTimeMillis() / 1000);
    Files.createDirectories(dir.getParent());
    LocalNetwork.Options options =
        LocalNetwork.Options.defaults().withValidators(validators).keepingDirectory(true);
    LocalNetwork net = LocalNetwork.create(dir, options);
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("[testnet] stopping every node");
                  net.stop();
                  net.close();
                  done.countDown();
                },
                "testnet-stop"));
    System.out.printf("[testnet] %d validators, homes in %s%n", validators, dir);
    net.start();
    for (LocalNode n : net.nodes()) {
      System.out.printf(
          "[testnet] node%d: CometBFT RPC http://127.0.0.1:%d, gRPC %s, logs in %s%n",
          n.index(), n.ports().rpc(), n.grpcTarget(), n.home().root());
    }
    System.out.printf(
        "[testnet] funded accounts: %d test keys (io.poco.testnet.TestAccounts); Ctrl-C stops%n",
        options.accounts());
    net.awaitHeight(1, Duration.ofSeconds(120));
    while (done.getCount() > 0) {
      try {
        LocalNetwork.Agreement a = net.checkAgreement();
        System.out.printf(
            "[testnet] heights %s; %d nodes agree on blocks and app hashes 1..%d%n",
            Arrays.toString(net.heights()), a.nodes(), a.heights());
      } catch (java.io.IOException | AssertionError e) {
        System.out.printf("[testnet] %s%n", e.getMessage());
      }
      Thread.sleep(5_000);
    }
  }
}
