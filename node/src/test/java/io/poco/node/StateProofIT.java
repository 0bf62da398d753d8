package io.poco.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.tx.TxSigning;
import io.poco.node.keys.KeyStore;
import io.poco.proto.v1.BroadcastMode;
import io.poco.proto.v1.BroadcastRequest;
import io.poco.proto.v1.BroadcastResponse;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgSend;
import io.poco.proto.v1.TxBody;
import io.poco.proto.v1.TxServiceGrpc;
import io.poco.state.StateProof;
import io.poco.state.proof.ProofVerifier;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real node: {@code poco query account --prove --output json} prints a proof that verifies
 * against the app hash of CometBFT's header at height + 1 (read here straight from CometBFT's RPC),
 * for a present and an absent account; CometBFT's own {@code abci_query} with prove shows the proof
 * op; {@code query params|deal|task --prove} verify the same way, and refuse (exit code 2) a proof
 * altered on the way.
 */
class StateProofIT {

  private static final String CHAIN = "proof-chain";
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void provenQueriesVerifyAgainstTheHeadersAppHash() throws Exception {
    try (NodeFixture node = new NodeFixture(dir, CHAIN)) {
      node.start();
      node.awaitHeight(2, WAIT);
      KeyStore keys = new KeyStore(node.home().keyring());
      BigInteger validatorKey = keys.privateKey("validator", null);
      Address validator = keys.show("validator").address();
      Address bob = Secp256k1.address(BigInteger.valueOf(5151));
      Address nobody = Secp256k1.address(BigInteger.valueOf(5152));
      BroadcastResponse sent =
          TxServiceGrpc.newBlockingStub(node.channel())
              .broadcast(
                  BroadcastRequest.newBuilder()
                      .setTx(
                          TxSigning.sign(
                                  TxBody.newBuilder()
                                      .setChainId(CHAIN)
                                      .setNonce(0)
                                      .setSender(validator.bytes())
                                      .addMessages(
                                          Msg.newBuilder()
                                              .setSend(
                                                  MsgSend.newBuilder()
                                                      .setTo(bob.bytes())
                                                      .setAmount(123_456)))
                                      .build(),
                                  validatorKey)
                              .toByteString())
                      .setMode(BroadcastMode.BROADCAST_MODE_COMMIT)
                      .build());
      assertEquals(0, sent.getResult().getCode(), sent.getResult().getLog());

      String rpc = "http://127.0.0.1:" + node.ports().rpc();
      for (Address who : new Address[] {bob, nobody}) {
        NodeFixture.Result r =
            node.poco(
                "query",
                "account",
                who.toHex(),
                "--prove",
                "--node",
                node.grpcTarget(),
                "--output",
                "json");
        assertEquals(0, r.exit(), r.err() + r.out());
        JsonNode out = JSON.readTree(r.out());
        JsonNode proof = out.path("proof");
        assertTrue(proof.path("verified").asBoolean(), r.out());
        assertEquals(StateProof.OP_TYPE, proof.path("type").asText());
        long height = out.path("height").asLong();
        assertEquals(height + 1, proof.path("header_height").asLong());
        // check it here too, with the header read from CometBFT itself
        byte[] appHash = headerAppHash(rpc, height + 1);
        assertEquals(
            HexFormat.of().withUpperCase().formatHex(appHash), proof.path("app_hash").asText());
        byte[] key = HexFormat.of().parseHex(proof.path("key").asText());
        byte[] data = HexFormat.of().parseHex(proof.path("data").asText());
        if (who.equals(bob)) {
          assertEquals("123456", out.path("balance").asText());
          byte[] value = HexFormat.of().parseHex(proof.path("value").asText());
          assertTrue(ProofVerifier.verifyMembership(appHash, key, value, data));
          value[value.length - 1] ^= 1;
          assertFalse(ProofVerifier.verifyMembership(appHash, key, value, data));
        } else {
          assertFalse(out.path("exists").asBoolean());
          assertTrue(ProofVerifier.verifyAbsence(appHash, key, data));
        }
      }

      // the header may come from a CometBFT RPC endpoint the user chooses
      NodeFixture.Result viaRpc =
          node.poco(
              "query",
              "account",
              bob.toHex(),
              "--prove",
              "--rpc",
              rpc,
              "--node",
              node.grpcTarget(),
              "--output",
              "json");
      assertEquals(0, viaRpc.exit(), viaRpc.err());
      assertEquals(rpc, JSON.readTree(viaRpc.out()).path("proof").path("app_hash_source").asText());

      // CometBFT's abci_query over RPC carries the proof op
      JsonNode q =
          get(
              rpc
                  + "/abci_query?path=%22/account%22&data=0x"
                  + HexFormat.of().formatHex(bob.bytes().toByteArray())
                  + "&prove=true");
      JsonNode response = q.path("result").path("response");
      assertEquals(0, response.path("code").asInt(), q.toString());
      JsonNode op = response.path("proofOps").path("ops").path(0);
      assertEquals(StateProof.OP_TYPE, op.path("type").asText(), q.toString());
      long h = response.path("height").asLong();
      byte[] appHash = headerAppHash(rpc, h + 1);
      assertTrue(
          ProofVerifier.verifyMembership(
              appHash,
              Base64.getDecoder().decode(op.path("key").asText()),
              Base64.getDecoder().decode(response.path("value").asText()),
              Base64.getDecoder().decode(op.path("data").asText())));

      // every query answered by one state key proves it through abci_query: params (present),
      // a deal and a task (absent here)
      String zeroId = "0x" + "00".repeat(31) + "01";
      String[][] provable = {
        {"params"}, {"deal", zeroId}, {"task", zeroId},
      };
      for (String[] query : provable) {
        String[] args = new String[query.length + 8];
        args[0] = "query";
        System.arraycopy(query, 0, args, 1, query.length);
        System.arraycopy(
            new String[] {"--prove", "--rpc", rpc, "--node", node.grpcTarget(), "--output", "json"},
            0,
            args,
            query.length + 1,
            7);
        NodeFixture.Result r = node.poco(args);
        assertEquals(0, r.exit(), query[0] + ": " + r.err() + r.out());
        JsonNode out = JSON.readTree(r.out());
        JsonNode proof = out.path("proof");
        assertTrue(proof.path("verified").asBoolean(), r.out());
        long height = out.path("height").asLong();
        byte[] headerHash = headerAppHash(rpc, height + 1);
        assertEquals(
            HexFormat.of().withUpperCase().formatHex(headerHash), proof.path("app_hash").asText());
        byte[] key = HexFormat.of().parseHex(proof.path("key").asText());
        byte[] data = HexFormat.of().parseHex(proof.path("data").asText());
        if (query[0].equals("params")) {
          assertTrue(out.path("exists").asBoolean(), r.out());
          assertTrue(out.has("max_tx_bytes") || out.has("maxTxBytes"), r.out());
          byte[] value = HexFormat.of().parseHex(proof.path("value").asText());
          assertTrue(ProofVerifier.verifyMembership(headerHash, key, value, data), query[0]);
        } else {
          assertFalse(out.path("exists").asBoolean(), r.out());
          assertTrue(ProofVerifier.verifyAbsence(headerHash, key, data), query[0]);
        }
      }

      // a proof tampered on the way (an RPC endpoint that flips a bit of it) is refused
      HttpServer tamper = tamperingProxy(rpc);
      try {
        String bad = "http://127.0.0.1:" + tamper.getAddress().getPort();
        for (String[] query : provable) {
          String[] args = new String[query.length + 6];
          args[0] = "query";
          System.arraycopy(query, 0, args, 1, query.length);
          System.arraycopy(
              new String[] {"--prove", "--rpc", bad, "--node", node.grpcTarget()},
              0,
              args,
              query.length + 1,
              5);
          NodeFixture.Result r = node.poco(args);
          assertEquals(2, r.exit(), query[0] + ": " + r.err() + r.out());
          assertTrue(r.err().contains("does not verify"), r.err());
          assertFalse(r.out().contains("\"verified\""), r.out());
        }
      } finally {
        tamper.stop(0);
      }

      // a height that is not retained (the future) is refused with a clear message
      NodeFixture.Result future =
          node.poco(
              "query",
              "account",
              bob.toHex(),
              "--prove",
              "--height",
              "999999",
              "--node",
              node.grpcTarget());
      assertNotEquals(0, future.exit());
      assertTrue(future.err().contains("not available"), future.err());
    }
  }

  /** Forwards to {@code rpc}, flipping the last byte of any state proof in an answer. */
  private static HttpServer tamperingProxy(String rpc) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    HttpClient client = HttpClient.newHttpClient();
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpResponse<String> r =
                client.send(
                    HttpRequest.newBuilder(URI.create(rpc + exchange.getRequestURI()))
                        .header("Content-Type", "application/json")
                        .method(
                            exchange.getRequestMethod(),
                            body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(r.body());
            JsonNode op =
                answer.path("result").path("response").path("proofOps").path("ops").path(0);
            if (op instanceof ObjectNode o && o.has("data")) {
              byte[] data = Base64.getDecoder().decode(o.path("data").asText());
              data[data.length - 1] ^= 1;
              o.put("data", Base64.getEncoder().encodeToString(data));
            }
            byte[] out = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(r.statusCode(), out.length);
            exchange.getResponseBody().write(out);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    server.start();
    return server;
  }

  private static byte[] headerAppHash(String rpc, long height) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      JsonNode h = get(rpc + "/header?height=" + height);
      String hex = h.path("result").path("header").path("app_hash").asText("");
      if (!hex.isEmpty()) {
        return HexFormat.of().parseHex(hex);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no header at " + height + ": " + h);
      }
      Thread.sleep(200);
    }
  }

  private static JsonNode get(String url) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }
}
