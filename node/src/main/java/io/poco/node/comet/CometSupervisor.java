package io.poco.node.comet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code cometbft start} as a child process: forwards its log lines, restarts it with
 * exponential back-off (1 s doubling to 30 s, reset after a minute of uptime) when it exits on its
 * own, and stops it with SIGTERM (then SIGKILL after a grace period) on {@link #close()}.
 */
public final class CometSupervisor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("cometbft");
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Duration STABLE_UPTIME = Duration.ofMinutes(1);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  private final List<String> command;
  private final Object lock = new Object();
  private Process process;
  private Thread monitor;
  private volatile boolean stopping;
  private volatile int starts;

  public CometSupervisor(Path cometbft, Path cometHome) {
    this.command = List.of(cometbft.toString(), "start", "--home", cometHome.toString());
  }

  /** Starts the process and the thread that restarts it. */
  public void start() throws IOException {
    synchronized (lock) {
      launch();
    }
    monitor = Thread.ofVirtual().name("cometbft-supervisor").start(this::superviseLoop);
  }

  /** How many times the process was started (1 + restarts). */
  public int starts() {
    return starts;
  }

  /** The current process id, or -1 when not running. */
  public long pid() {
    synchronized (lock) {
      return process != null && process.isAlive() ? process.pid() : -1;
    }
  }

  private void launch() throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    starts++;
    process = p;
    LOG.info("started cometbft (pid {}): {}", p.pid(), String.join(" ", command));
    Thread.ofVirtual().name("cometbft-log").start(() -> forward(p));
  }

  private void superviseLoop() {
    Duration backoff = Duration.ofSeconds(1);
    while (!stopping) {
      Process p;
      synchronized (lock) {
        p = process;
      }
      long startedAt = System.nanoTime();
      int exit;
      try {
        exit = p.waitFor();
      } catch (InterruptedException e) {
        return;
      }
      if (stopping) {
        return;
      }
      if (Duration.ofNanos(System.nanoTime() - startedAt).compareTo(STABLE_UPTIME) > 0) {
        backoff = Duration.ofSeconds(1);
      }
      LOG.warn("cometbft exited with code {}; restarting in {} s", exit, backoff.toSeconds());
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        return;
      }
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
      synchronized (lock) {
        if (stopping) {
          return;
        }
        try {
          launch();
        } catch (IOException e) {
          LOG.error("cannot restart cometbft: {}", e.getMessage());
        }
      }
    }
  }

  private static void forward(Process p) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        LOG.info("{}", line);
      }
    } catch (IOException closed) {
      // the process went away; its exit is handled by the supervisor loop
    }
  }

  @Override
  public void close() {
    stopping = true;
    Process p;
    synchronized (lock) {
      p = process;
    }
    if (monitor != null) {
      monitor.interrupt();
    }
    if (p == null || !p.isAlive()) {
      return;
    }
    LOG.info("stopping cometbft (pid {})", p.pid());
    p.destroy();
    try {
      if (!p.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        LOG.warn("cometbft did not stop within {} s; killing it", STOP_GRACE.toSeconds());
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
