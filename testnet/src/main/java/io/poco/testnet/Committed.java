package io.poco.testnet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A transaction seen in a committed block: its hash, height, result code and log, its events as
 * CometBFT's {@code block_results} returns them, and the time from its first broadcast to the
 * moment the tracker saw the block.
 */
public record Committed(
    String hash, long height, int code, String log, JsonNode events, long latencyMillis) {

  public boolean ok() {
    return code == 0;
  }

  /** The value of attribute {@code key} of the first event of {@code type}, or null. */
  public String attribute(String type, String key) {
    for (JsonNode e : events) {
      if (e.path("type").asText().equals(type)) {
        for (JsonNode a : e.path("attributes")) {
          if (a.path("key").asText().equals(key)) {
            return a.path("value").asText();
          }
        }
      }
    }
    return null;
  }
}
