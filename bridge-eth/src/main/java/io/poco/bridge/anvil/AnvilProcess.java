package io.poco.bridge.anvil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An Anvil process on 127.0.0.1 with Prague rules and automatic mining. {@link #close()} stops it
 * (SIGTERM, then SIGKILL after a bounded wait).
 */
public final class AnvilProcess implements AutoCloseable {
  /** Private key of Anvil's first default account (a public test key, funded on every Anvil). */
  public static final String DEV_KEY_0 =
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  /** Private key of Anvil's second default account. */
  public static final String DEV_KEY_1 =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

  /** Private key of Anvil's third default account. */
  public static final String DEV_KEY_2 =
      "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final int port;
  private final Path log;

  private AnvilProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The Anvil binary of the npm packages under {@code <poco.root>/bridge-eth/contracts}. */
  public static Path defaultBinary() {
    String root = System.getProperty("poco.root", System.getenv("POCO_ROOT"));
    if (root == null || root.isBlank()) {
      throw new IllegalStateException("set -Dpoco.root (or POCO_ROOT) to find anvil");
    }
    return Path.of(root, "bridge-eth", "contracts", "node_modules", ".bin", "anvil");
  }

  /** Starts the default binary; see {@link #start(Path)}. */
  public static AnvilProcess start() {
    return start(defaultBinary());
  }

  /** Starts {@code anvil} on a free port and waits (bounded) until it answers JSON-RPC. */
  public static AnvilProcess start(Path binary) {
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          binary
              + " is missing: install the Ethereum tools (make tools, or npm ci in"
              + " bridge-eth/contracts)");
    }
    int port = freePort();
    try {
      Path log = Files.createTempFile("anvil-" + port + "-", ".log");
      Process process =
          new ProcessBuilder(
                  List.of(
                      binary.toString(),
                      "--host",
                      "127.0.0.1",
                      "--port",
                      Integer.toString(port),
                      "--hardfork",
                      "prague"))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      AnvilProcess anvil = new AnvilProcess(process, port, log);
      try {
        anvil.awaitReady();
        return anvil;
      } catch (RuntimeException e) {
        anvil.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
  }

  /** The JSON-RPC endpoint. */
  public String rpcUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The port Anvil listens on. */
  public int port() {
    return port;
  }

  /** The file that receives Anvil's output. */
  public Path log() {
    return log;
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(rpcUrl()))
            .timeout(Duration.ofSeconds(2))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
            .build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "anvil exited with " + process.exitValue() + ": " + tail(log));
      }
      try {
        if (http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for anvil", e);
      }
      sleep(100);
    }
    throw new IllegalStateException(
        "anvil did not answer within " + START_TIMEOUT + ": " + tail(log));
  }

  private static String tail(Path file) {
    try {
      String text = Files.readString(file);
      return text.substring(Math.max(0, text.length() - 2000));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      // a leftover temporary file is harmless
    }
  }
}
