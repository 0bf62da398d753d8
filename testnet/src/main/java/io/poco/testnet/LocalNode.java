package io.poco.testnet;

import io.poco.node.comet.CometPorts;
import io.poco.node.comet.CometRpcClient;
import io.poco.node.config.NodeHome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One validator of a {@link LocalNetwork}: its application and its CometBFT run as two separate
 * processes started by the harness, so either can be stopped, killed with SIGKILL or restarted on
 * its own. Logs go to {@code app.log} and {@code cometbft.log} in the node's home.
 */
public final class LocalNode {

  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  /**
   * The system property naming pocod's class path ({@code scripts/testnet-java.sh} gives the node's
   * jars, as {@code bin/pocod} runs them); without it a node runs on the harness's own class path.
   */
  private static final String APP_CLASS_PATH = "poco.app.classpath";

  private final int index;
  private final NodeHome home;
  private final CometPorts ports;
  private final AppKind kind;
  private final List<String> appJvmOptions;
  private final Path cometbft;
  private final Path abciCli;
  private final CometRpcClient rpc;
  private Process app;
  private Process comet;

  LocalNode(
      int index,
      NodeHome home,
      CometPorts ports,
      AppKind kind,
      List<String> appJvmOptions,
      Path cometbft,
      Path abciCli) {
    this.index = index;
    this.home = home;
    this.ports = ports;
    this.kind = kind;
    this.appJvmOptions = appJvmOptions;
    this.cometbft = cometbft;
    this.abciCli = abciCli;
    this.rpc = new CometRpcClient("http://127.0.0.1:" + ports.rpc());
  }

  public int index() {
    return index;
  }

  public NodeHome home() {
    return home;
  }

  public CometPorts ports() {
    return ports;
  }

  /** The CometBFT RPC client of this node. */
  public CometRpcClient rpc() {
    return rpc;
  }

  /** {@code host:port} of the node's gRPC services (pocod only). */
  public String grpcTarget() {
    return "127.0.0.1:" + ports.grpc();
  }

  public synchronized boolean appRunning() {
    return app != null && app.isAlive();
  }

  public synchronized boolean cometRunning() {
    return comet != null && comet.isAlive();
  }

  /**
   * Starts whatever is not running: the application first (waiting until its ABCI socket accepts
   * connections), then CometBFT.
   */
  public synchronized void start() throws IOException {
    if (!appRunning()) {
      app = launchApp();
      awaitPort(ports.abci(), Duration.ofSeconds(60), app);
    }
    if (!cometRunning()) {
      comet =
          new ProcessBuilder(cometbft.toString(), "start", "--home", home.cometHome().toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log("cometbft").toFile()))
              .start();
    }
  }

  /** Stops both processes with SIGTERM (SIGKILL after a grace period): CometBFT first. */
  public synchronized void stop() {
    comet = terminate(comet);
    app = terminate(app);
  }

  /** SIGKILL of the application process, as a crash would leave it. */
  public synchronized void killApp() {
    app = kill(app);
  }

  /** SIGKILL of the CometBFT process. */
  public synchronized void killComet() {
    comet = kill(comet);
  }

  /** SIGKILL of both. */
  public synchronized void killAll() {
    comet = kill(comet);
    app = kill(app);
  }

  /** The latest committed height CometBFT reports, or -1 when it does not answer. */
  public long height() {
    try {
      return rpc.status().path("sync_info").path("latest_block_height").asLong(-1);
    } catch (IOException notAnswering) {
      return -1;
    }
  }

  /** The last lines of both logs, for failure messages. */
  public String tailLogs(int lines) {
    return "---- node"
        + index
        + " app.log\n"
        + tail(log("app"), lines)
        + "\n---- node"
        + index
        + " cometbft.log\n"
        + tail(log("cometbft"), lines);
  }

  private Process launchApp() throws IOException {
    List<String> command = new ArrayList<>();
    if (kind == AppKind.KVSTORE) {
      command.addAll(
          List.of(
              abciCli.toString(),
              "kvstore",
              "--address",
              "tcp://127.0.0.1:" + ports.abci(),
              "--log_level",
              "error"));
    } else {
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED"));
      List<String> options = new ArrayList<>(appJvmOptions);
      String extra = System.getenv("POCO_APP_JAVA_OPTS");
      if (extra != null && !extra.isBlank()) {
        options.addAll(List.of(extra.trim().split("\\s+")));
      }
      for (String opt : options) {
        command.add(opt.replace("{node}", Integer.toString(index)));
      }
      command.addAll(
          List.of(
              "-Dpoco.root=" + System.getProperty("poco.root", ""),
              "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
              "-Dorg.slf4j.simpleLogger.log.status=info",
              "-cp",
              System.getProperty(APP_CLASS_PATH, System.getProperty("java.class.path")),
              "io.poco.node.cli.PocodCommand",
              "start",
              "--home",
              home.root().toString(),
              "--cometbft",
              "external"));
    }
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log("app").toFile()));
    pb.environment().remove("CLASSPATH");
    return pb.start();
  }

  private Path log(String name) {
    return home.root().resolve(name + ".log");
  }

  private static void awaitPort(int port, Duration timeout, Process owner) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!owner.isAlive()) {
        throw new IOException("the application exited with code " + owner.exitValue());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        sleep(100);
      }
    }
    throw new IOException("nothing listens on 127.0.0.1:" + port + " after " + timeout);
  }

  private static Process terminate(Process p) {
    if (p == null) {
      return null;
    }
    List<ProcessHandle> children = p.descendants().toList();
    p.destroy();
    try {
      if (!p.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    children.forEach(ProcessHandle::destroyForcibly);
    return null;
  }

  private static Process kill(Process p) {
    if (p == null) {
      return null;
    }
    List<ProcessHandle> children = p.descendants().toList();
    p.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public String toString() {
    return "node" + index;
  }
}
