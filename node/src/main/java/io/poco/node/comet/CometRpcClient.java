package io.poco.node.comet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small JSON-RPC client for CometBFT's RPC (POST, byte parameters in base64). Answers are
 * returned as the JSON {@code result} object.
 */
public final class CometRpcClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final HttpClient http;
  private final AtomicLong ids = new AtomicLong();

  public CometRpcClient(String endpoint) {
    this.endpoint = URI.create(endpoint.endsWith("/") ? endpoint : endpoint + "/");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  public JsonNode status() throws IOException {
    return call("status", JSON.createObjectNode(), Duration.ofSeconds(10));
  }

  public JsonNode broadcastTxSync(byte[] tx) throws IOException {
    return call("broadcast_tx_sync", txParams(tx), Duration.ofSeconds(30));
  }

  /** Waits for the block including the transaction (CometBFT's timeout_broadcast_tx_commit). */
  public JsonNode broadcastTxCommit(byte[] tx) throws IOException {
    return call("broadcast_tx_commit", txParams(tx), Duration.ofSeconds(60));
  }

  public JsonNode checkTx(byte[] tx) throws IOException {
    return call("check_tx", txParams(tx), Duration.ofSeconds(30));
  }

  public JsonNode tx(byte[] hash) throws IOException {
    ObjectNode params = JSON.createObjectNode();
    params.put("hash", Base64.getEncoder().encodeToString(hash));
    params.put("prove", false);
    return call("tx", params, Duration.ofSeconds(10));
  }

  public JsonNode block(long height) throws IOException {
    ObjectNode params = JSON.createObjectNode();
    params.put("height", Long.toString(height));
    return call("block", params, Duration.ofSeconds(10));
  }

  private static ObjectNode txParams(byte[] tx) {
    ObjectNode params = JSON.createObjectNode();
    params.put("tx", Base64.getEncoder().encodeToString(tx));
    return params;
  }

  /** One JSON-RPC call; an RPC error becomes a CometRpcException carrying its message. */
  public JsonNode call(String method, ObjectNode params, Duration timeout) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("jsonrpc", "2.0");
    body.put("id", ids.incrementAndGet());
    body.put("method", method);
    body.set("params", params);
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CometRpcException("interrupted calling " + method, e);
    } catch (IOException e) {
      throw new CometRpcException(
          "cannot reach CometBFT RPC at " + endpoint + " (" + method + "): " + e, e);
    }
    JsonNode reply;
    try {
      reply = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new CometRpcException(
          "CometBFT RPC answered " + response.statusCode() + " with non-JSON for " + method, e);
    }
    if (reply.hasNonNull("error")) {
      JsonNode error = reply.get("error");
      String data = error.path("data").asText("");
      throw new CometRpcException(
          method + ": " + error.path("message").asText() + (data.isEmpty() ? "" : ": " + data));
    }
    return reply.path("result");
  }
}
