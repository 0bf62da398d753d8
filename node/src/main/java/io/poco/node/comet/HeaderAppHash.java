package io.poco.node.comet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The app hash that CometBFT's header at {@code height + 1} records for the state after block
 * {@code height}, waiting (bounded) for that header to exist when {@code height} is the latest.
 */
public final class HeaderAppHash {

  private HeaderAppHash() {}

  /** The app hash of the state after block {@code stateHeight}, from header stateHeight + 1. */
  public static byte[] after(CometRpcClient rpc, long stateHeight, Duration wait)
      throws IOException {
    long deadline = System.nanoTime() + wait.toNanos();
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    params.put("height", Long.toString(stateHeight + 1));
    while (true) {
      try {
        JsonNode header = rpc.call("header", params, Duration.ofSeconds(5)).path("header");
        String hex = header.path("app_hash").asText("");
        return HexFormat.of().parseHex(hex);
      } catch (CometRpcException notYet) {
        if (System.nanoTime() > deadline) {
          throw new CometRpcException(
              "no header at height "
                  + (stateHeight + 1)
                  + " (which carries the app hash of height "
                  + stateHeight
                  + "): "
                  + notYet.getMessage(),
              notYet);
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CometRpcException("interrupted waiting for a header", e);
        }
      }
    }
  }
}
