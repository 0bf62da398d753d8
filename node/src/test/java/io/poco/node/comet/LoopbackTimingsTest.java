package io.poco.node.comet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.poco.node.config.Toml;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoopbackTimingsTest {

  private static final String CONFIG =
      """
      # CometBFT config as init writes it (excerpt)
      proxy_app = "tcp://127.0.0.1:26658"

      [p2p]
      # Time to wait before flushing messages out on the connection
      flush_throttle_timeout = "100ms"
      max_packet_msg_payload_size = 1024

      [consensus]
      timeout_commit = "500ms"
      peer_gossip_sleep_duration = "100ms"
      """;

  @Test
  void generatedNodesFlushAndGossipEveryTenMillisecondsAndKeepTheRest() {
    Map<String, String> v = Toml.parse(TestnetGenerator.loopbackTimings(CONFIG));
    assertEquals("10ms", v.get("p2p.flush_throttle_timeout"));
    assertEquals("10ms", v.get("consensus.peer_gossip_sleep_duration"));
    assertEquals("500ms", v.get("consensus.timeout_commit"));
    assertEquals("1024", v.get("p2p.max_packet_msg_payload_size"));
    assertEquals("tcp://127.0.0.1:26658", v.get("proxy_app"));
  }
}
