package io.poco.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for tests, taken below Linux's ephemeral range (32768–60999): a port the
 * kernel handed out as ephemeral could be taken by any outgoing connection (CometBFT dials its
 * peers and the app) between the moment it is found free and the moment a node binds it. Ports are
 * never handed out twice by one JVM.
 */
public final class FreePorts {

  private static final int LOW = 20_000;
  private static final int HIGH = 32_000;
  private static final Set<Integer> GIVEN = new HashSet<>();

  private FreePorts() {}

  public static synchronized int next() {
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int port = LOW + ThreadLocalRandom.current().nextInt(HIGH - LOW);
      if (!GIVEN.contains(port) && bindable(port)) {
        GIVEN.add(port);
        return port;
      }
    }
    throw new IllegalStateException("no free loopback port in " + LOW + "–" + HIGH);
  }

  private static boolean bindable(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
