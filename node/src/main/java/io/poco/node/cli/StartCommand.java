package io.poco.node.cli;

import io.poco.node.PocoNode;
import io.poco.node.config.AppConfig;
import io.poco.node.config.NodeHome;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pocod start}: runs the node in the foreground until SIGTERM or Ctrl-C. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Start the node: the state store, the ABCI socket server, the gRPC server, the metrics",
      "endpoint and the supervised CometBFT process (restarted with back-off if it dies).",
      "Logs go to stdout; SIGTERM or Ctrl-C stops everything cleanly."
    })
final class StartCommand implements Callable<Integer> {

  @Mixin HomeOption home;

  @Option(
      names = "--cometbft",
      paramLabel = "MODE",
      description =
          "supervised: start and supervise cometbft; external: attach to a cometbft run"
              + " elsewhere (default: the [cometbft] mode of app.toml).")
  String cometbftMode;

  @Override
  public Integer call() throws Exception {
    NodeHome nodeHome = home.nodeHome();
    if (!Files.exists(nodeHome.appConfig()) || !Files.exists(nodeHome.genesis())) {
      throw new UsageException(
          nodeHome.root()
              + " is not a node home: run 'pocod init --home "
              + nodeHome.root()
              + " --chain-id ID' first");
    }
    AppConfig config = AppConfig.load(nodeHome.appConfig());
    String mode = cometbftMode != null ? cometbftMode : config.cometbftMode();
    if (!mode.equals("supervised") && !mode.equals("external")) {
      throw new UsageException("--cometbft must be supervised or external, not '" + mode + "'");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    PocoNode node = PocoNode.start(nodeHome, config, mode.equals("supervised"));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stopped.countDown();
                },
                "pocod-shutdown"));
    stopped.await();
    return ExitCodes.OK;
  }
}
