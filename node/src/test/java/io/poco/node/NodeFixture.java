package io.poco.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.poco.node.cli.PocodCommand;
import io.poco.node.comet.CometHomeInitializer;
import io.poco.node.comet.CometPorts;
import io.poco.node.config.AppConfig;
import io.poco.node.config.NodeHome;
import io.poco.proto.v1.QueryServiceGrpc;
import io.poco.proto.v1.StatusRequest;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;

/**
 * One real node for integration tests: a home made by {@code pocod init} on random loopback ports,
 * {@code pocod start} as a separate process (so it can be killed with SIGKILL), and the {@code
 * poco} client run as a process too. Always {@link #close()} it.
 */
public final class NodeFixture implements AutoCloseable {

  private final NodeHome home;
  private final CometPorts ports;
  private final Path log;
  private Process pocod;
  private ManagedChannel channel;

  public NodeFixture(Path dir, String chainId) throws IOException {
    this.home = new NodeHome(dir.resolve("node"));
    this.log = dir.resolve("pocod.log");
    int exit =
        new CommandLine(new PocodCommand())
            .execute(
                "init",
                "--home",
                home.root().toString(),
                "--chain-id",
                chainId,
                "--keyring-backend",
                "test",
                "--timeout-commit",
                "300ms",
                "--output",
                "json");
    assertEquals(0, exit, "pocod init failed");
    ports =
        new CometPorts(
            "127.0.0.1",
            FreePorts.next(),
            FreePorts.next(),
            FreePorts.next(),
            FreePorts.next(),
            FreePorts.next(),
            FreePorts.next());
    CometHomeInitializer.configure(home, "it-node", ports, "300ms");
    AppConfig config =
        AppConfig.defaults()
            .withKeyringBackend("test")
            .withAddresses(
                "127.0.0.1:" + ports.abci(),
                "127.0.0.1:" + ports.grpc(),
                "127.0.0.1:" + ports.appMetrics(),
                "http://127.0.0.1:" + ports.rpc());
    Files.writeString(home.appConfig(), config.toToml());
  }

  public NodeHome home() {
    return home;
  }

  public CometPorts ports() {
    return ports;
  }

  public String grpcTarget() {
    return "127.0.0.1:" + ports.grpc();
  }

  /** Starts {@code pocod start} in its own JVM. */
  public void start() throws IOException {
    pocod =
        javaProcess(
                List.of("io.poco.node.cli.PocodCommand", "start", "--home", home.root().toString()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
  }

  /** The gRPC channel to the node (created once). */
  public ManagedChannel channel() {
    if (channel == null) {
      channel = ManagedChannelBuilder.forTarget(grpcTarget()).usePlaintext().build();
    }
    return channel;
  }

  /** The latest height as CometBFT reports it, or -1 while the node is not answering. */
  public long height() {
    try {
      return QueryServiceGrpc.newBlockingStub(channel())
          .withDeadlineAfter(3, TimeUnit.SECONDS)
          .status(StatusRequest.getDefaultInstance())
          .getLatestHeight();
    } catch (RuntimeException notYet) {
      return -1;
    }
  }

  public void awaitHeight(long height, Duration timeout) throws IOException {
    await(() -> height() >= height, timeout, "height " + height);
  }

  public void await(BooleanSupplier condition, Duration timeout, String what) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError(
        "timed out after "
            + timeout.toSeconds()
            + " s waiting for "
            + what
            + "; node log:\n"
            + tailLog());
  }

  /** SIGKILL of pocod and of its CometBFT child, as a crash would leave them. */
  public void killHard() {
    if (pocod == null) {
      return;
    }
    List<ProcessHandle> children = new ArrayList<>(pocod.descendants().toList());
    pocod.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    try {
      pocod.waitFor(10, TimeUnit.SECONDS);
      for (ProcessHandle child : children) {
        child.onExit().get(10, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException("processes did not die", e);
    }
    pocod = null;
  }

  /** SIGKILL of the CometBFT child only: the supervisor must restart it. */
  public long killCometBft() {
    ProcessHandle comet =
        pocod
            .children()
            .filter(p -> p.info().command().orElse("").endsWith("cometbft"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no cometbft child process"));
    comet.destroyForcibly();
    return comet.pid();
  }

  public boolean cometBftRunning() {
    return pocod != null
        && pocod.children().anyMatch(p -> p.info().command().orElse("").endsWith("cometbft"));
  }

  /** Runs {@code poco ARGS} in a JVM; returns exit code and output. */
  public Result poco(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("io.poco.node.cli.PocoCommand"));
    command.addAll(List.of(args));
    Process p = javaProcess(command).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("poco timed out: " + command);
    }
    return new Result(p.exitValue(), out, err);
  }

  /** Exit code and output of a client run. */
  public record Result(int exit, String out, String err) {}

  public String tailLog() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static ProcessBuilder javaProcess(List<String> mainAndArgs) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-Dpoco.root=" + System.getProperty("poco.root", ""));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(mainAndArgs);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("CLASSPATH", String.join(File.pathSeparator, List.of()));
    return pb;
  }

  @Override
  public void close() {
    if (channel != null) {
      channel.shutdownNow();
    }
    killHard();
  }
}
