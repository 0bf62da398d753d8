package io.poco.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * for a present and an absent account, and so do params, supply, validator, worker, deal and task;
 * a header with another app hash makes the command fail; CometBFT's own {@code abci_query} with
 * prove shows the proof op.
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

      // every query that reads single records proves them: present and absent ones alike
      String absentId = "0x" + "ab".repeat(32);
      String[][] provable = {
        {"params"},
        {"supply"},
        {"validator", "validator", "--home", node.home().root().toString()},
        {"worker", validator.toHex()},
        {"deal", absentId},
        {"task", absentId}
      };
      for (String[] query : provable) {
        NodeFixture.Result r =
            node.poco(withArgs(query, "--prove", "--node", node.grpcTarget(), "--output", "json"));
        assertEquals(0, r.exit(), String.join(" ", query) + ": " + r.err() + r.out());
        JsonNode out = JSON.readTree(r.out());
        assertProofHolds(rpc, out.path("height").asLong(), out.path("proof"));
        if (query[0].equals("worker")) {
          assertProofHolds(rpc, out.path("height").asLong(), out.path("blacklist_proof"));
        }
        if (query[0].equals("deal") || query[0].equals("task")) {
          assertFalse(out.path("exists").asBoolean(), r.out());
        }
      }

      // a header whose app hash is not the state's: the proof is refused, nothing is trusted
      com.sun.net.httpserver.HttpServer liar =
          com.sun.net.httpserver.HttpServer.create(
              new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
      liar.createContext(
          "/",
          exchange -> {
            byte[] body =
                ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"header\":{\"app_hash\":\""
                        + "00".repeat(32)
                        + "\"}}}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      liar.start();
      try {
        NodeFixture.Result lied =
            node.poco(
                "query",
                "params",
                "--prove",
                "--rpc",
                "http://127.0.0.1:" + liar.getAddress().getPort(),
                "--node",
                node.grpcTarget(),
                "--output",
                "json");
        assertEquals(1, lied.exit(), lied.out());
        assertTrue(lied.err().contains("does not verify"), lied.err());
        assertFalse(JSON.readTree(lied.out()).path("proof").path("verified").asBoolean());
      } finally {
        liar.stop(0);
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

  private static String[] withArgs(String[] query, String... more) {
    String[] all = new String[1 + query.length + more.length];
    all[0] = "query";
    System.arraycopy(query, 0, all, 1, query.length);
    System.arraycopy(more, 0, all, 1 + query.length, more.length);
    return all;
  }

  /** The printed proof verifies against CometBFT's own header, as membership or absence. */
  private static void assertProofHolds(String rpc, long height, JsonNode proof) throws Exception {
    assertTrue(proof.path("verified").asBoolean(), proof.toString());
    byte[] appHash = headerAppHash(rpc, height + 1);
    byte[] key = HexFormat.of().parseHex(proof.path("key").asText());
    byte[] value = HexFormat.of().parseHex(proof.path("value").asText());
    byte[] data = HexFormat.of().parseHex(proof.path("data").asText());
    assertTrue(
        value.length == 0
            ? ProofVerifier.verifyAbsence(appHash, key, data)
            : ProofVerifier.verifyMembership(appHash, key, value, data),
        proof.toString());
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
