package io.poco.node.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.poco.proto.v1.Event;
import io.poco.proto.v1.EventAttribute;
import io.poco.proto.v1.TxResult;

/** Converts CometBFT RPC JSON results into the node's protobuf messages. */
final class RpcResults {

  private RpcResults() {}

  static TxResult txResult(JsonNode json) {
    TxResult.Builder b =
        TxResult.newBuilder()
            .setCode(json.path("code").asInt(0))
            .setCodespace(json.path("codespace").asText(""))
            .setLog(json.path("log").asText(""));
    for (JsonNode event : json.path("events")) {
      Event.Builder e = Event.newBuilder().setType(event.path("type").asText());
      for (JsonNode attr : event.path("attributes")) {
        e.addAttributes(
            EventAttribute.newBuilder()
                .setKey(attr.path("key").asText())
                .setValue(attr.path("value").asText()));
      }
      b.addEvents(e);
    }
    return b.build();
  }
}
