package io.poco.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.tx.TxSigning;
import io.poco.node.config.Toml;
import io.poco.node.keys.KeyStore;
import io.poco.proto.v1.AccountRequest;
import io.poco.proto.v1.BroadcastMode;
import io.poco.proto.v1.BroadcastRequest;
import io.poco.proto.v1.BroadcastResponse;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgSend;
import io.poco.proto.v1.QueryServiceGrpc;
import io.poco.proto.v1.TxBody;
import io.poco.proto.v1.TxServiceGrpc;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A validator makes a state snapshot every 5 heights; a fresh node with the same genesis joins by
 * CometBFT state sync (trusting a header of the running chain), restores the snapshot instead of
 * replaying from genesis, follows the chain, and reports the same app hashes and balances.
 */
class StateSyncIT {

  private static final String CHAIN = "sync-chain";
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aFreshNodeJoinsByStateSyncAndReachesTheSameAppHash() throws Exception {
    try (NodeFixture a = new NodeFixture(dir.resolve("a"), CHAIN);
        NodeFixture b = new NodeFixture(dir.resolve("b"), CHAIN)) {
      String appToml = Files.readString(a.home().appConfig());
      appToml = Toml.set(appToml, "state_sync", "snapshot_interval", "5");
      appToml = Toml.set(appToml, "state_sync", "snapshot_keep", "100");
      Files.writeString(a.home().appConfig(), appToml);
      loopbackPeers(a);
      a.start();
      a.awaitHeight(2, WAIT);
      KeyStore keys = new KeyStore(a.home().keyring());
      BigInteger validatorKey = keys.privateKey("validator", null);
      Address validator = keys.show("validator").address();
      Address bob = Secp256k1.address(BigInteger.valueOf(6161));
      for (long nonce = 0; nonce < 3; nonce++) {
        BroadcastResponse sent =
            TxServiceGrpc.newBlockingStub(a.channel())
                .broadcast(
                    BroadcastRequest.newBuilder()
                        .setTx(
                            TxSigning.sign(
                                    TxBody.newBuilder()
                                        .setChainId(CHAIN)
                                        .setNonce(nonce)
                                        .setSender(validator.bytes())
                                        .addMessages(
                                            Msg.newBuilder()
                                                .setSend(
                                                    MsgSend.newBuilder()
                                                        .setTo(bob.bytes())
                                                        .setAmount(1000 + nonce)))
                                        .build(),
                                    validatorKey)
                                .toByteString())
                        .setMode(BroadcastMode.BROADCAST_MODE_COMMIT)
                        .build());
        assertEquals(0, sent.getResult().getCode(), sent.getResult().getLog());
      }
      a.awaitHeight(12, WAIT);
      Path snapshots = a.home().dataDir().resolve("snapshots");
      assertTrue(Files.isDirectory(snapshots.resolve("10")), "a snapshot at height 10");

      String rpcA = "http://127.0.0.1:" + a.ports().rpc();
      long trustHeight = 3;
      String trustHash =
          get(rpcA + "/block?height=" + trustHeight)
              .path("result")
              .path("block_id")
              .path("hash")
              .asText();
      String nodeIdA = get(rpcA + "/status").path("result").path("node_info").path("id").asText();

      // b: the chain's genesis, a as peer, state sync from a's RPC (twice: CometBFT wants two)
      Files.copy(
          a.home().genesis(),
          b.home().genesis(),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      loopbackPeers(b);
      String t = Files.readString(b.home().cometConfig());
      t =
          Toml.set(
              t, "p2p", "persistent_peers", Toml.quote(nodeIdA + "@127.0.0.1:" + a.ports().p2p()));
      t = Toml.set(t, "statesync", "enable", "true");
      String server = "127.0.0.1:" + a.ports().rpc();
      t = Toml.set(t, "statesync", "rpc_servers", Toml.quote(server + "," + server));
      t = Toml.set(t, "statesync", "trust_height", Long.toString(trustHeight));
      t = Toml.set(t, "statesync", "trust_hash", Toml.quote(trustHash));
      t = Toml.set(t, "statesync", "trust_period", Toml.quote("168h0m0s"));
      t = Toml.set(t, "statesync", "discovery_time", Toml.quote("5s"));
      Files.writeString(b.home().cometConfig(), t);
      b.start();

      String rpcB = "http://127.0.0.1:" + b.ports().rpc();
      long start = a.height();
      b.await(() -> b.height() > start, WAIT, "b reaching the chain's height " + start);
      long target;
      // b restored a snapshot: it has no blocks before it
      long earliest =
          get(rpcB + "/status")
              .path("result")
              .path("sync_info")
              .path("earliest_block_height")
              .asLong();
      assertTrue(
          earliest > 5,
          "b started from a snapshot, earliest block " + earliest + "\n" + b.tailLog());
      // and it follows the chain beyond it by consensus
      b.await(() -> b.height() >= earliest + 5, WAIT, "b following the chain after its snapshot");
      target = b.height();
      // the same app hash at the same heights, and the same balances
      for (long h = earliest + 1; h <= target; h++) {
        assertEquals(
            header(rpcA, h).path("app_hash").asText(),
            header(rpcB, h).path("app_hash").asText(),
            "app hash in header " + h);
      }
      long bobAtA =
          QueryServiceGrpc.newBlockingStub(a.channel())
              .account(
                  AccountRequest.newBuilder().setAddress(bob.bytes()).setHeight(target).build())
              .getAccount()
              .getBalance();
      long bobAtB =
          QueryServiceGrpc.newBlockingStub(b.channel())
              .account(
                  AccountRequest.newBuilder().setAddress(bob.bytes()).setHeight(target).build())
              .getAccount()
              .getBalance();
      assertEquals(3003, bobAtA);
      assertEquals(bobAtA, bobAtB);
    }
  }

  private static void loopbackPeers(NodeFixture node) throws Exception {
    String t = Files.readString(node.home().cometConfig());
    t = Toml.set(t, "p2p", "addr_book_strict", "false");
    t = Toml.set(t, "p2p", "allow_duplicate_ip", "true");
    t = Toml.set(t, "p2p", "pex", "false");
    Files.writeString(node.home().cometConfig(), t);
  }

  private static JsonNode header(String rpc, long height) throws Exception {
    return get(rpc + "/header?height=" + height).path("result").path("header");
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
