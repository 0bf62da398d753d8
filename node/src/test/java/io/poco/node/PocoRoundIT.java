package io.poco.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.ids.PocoIds;
import io.poco.core.market.SignedOrders;
import io.poco.core.task.ContributionSigning;
import io.poco.core.task.PocoMsgs;
import io.poco.node.keys.KeyStore;
import io.poco.proto.v1.AppOrder;
import io.poco.proto.v1.BroadcastResponse;
import io.poco.proto.v1.ContributionsRequest;
import io.poco.proto.v1.PendingRequest;
import io.poco.proto.v1.QueryServiceGrpc;
import io.poco.proto.v1.RequestOrder;
import io.poco.proto.v1.TaskRequest;
import io.poco.proto.v1.TaskStatus;
import io.poco.proto.v1.WorkerpoolOrder;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One PoCo task on a real single-validator chain: an app and a workerpool are registered, four
 * signed orders are matched into a deal, the task is initialized, the scheduler submits the
 * worker's signed contribution and its reveal in batches, and finalizes; the task is COMPLETED, the
 * worker is paid, and CometBFT's tx_search finds the task's transactions by task.id.
 */
class PocoRoundIT {

  private static final String CHAIN = "poco-it";
  private static final long RLC = 1_000_000_000L;

  @TempDir Path dir;

  private ChainClient chain;
  private NodeFixture node;

  @Test
  void aTaskGoesFromOrdersToAPaidCompletedResult() throws Exception {
    try (NodeFixture n = new NodeFixture(dir, CHAIN)) {
      node = n;
      n.start();
      n.awaitHeight(2, Duration.ofSeconds(90));
      chain = new ChainClient(CHAIN, n.channel());
      KeyStore keys = new KeyStore(n.home().keyring());
      BigInteger faucet = keys.privateKey("validator", null);
      BigInteger appOwner = BigInteger.valueOf(7001);
      BigInteger scheduler = BigInteger.valueOf(7002);
      BigInteger requester = BigInteger.valueOf(7003);
      BigInteger worker = BigInteger.valueOf(7004);
      for (BigInteger k : List.of(appOwner, scheduler, requester, worker)) {
        chain.send(faucet, ChainClient.transfer(Secp256k1.address(k), 1000 * RLC));
      }

      chain.send(appOwner, PocoMsgs.registerApp(true));
      Address app = PocoIds.appId(Secp256k1.address(appOwner), 0);
      chain.send(scheduler, PocoMsgs.registerWorkerpool(null, null));
      Address pool = PocoIds.workerpoolId(Secp256k1.address(scheduler), 0);

      long price = 20 * RLC;
      AppOrder appOrder = AppOrder.newBuilder().setApp(app.bytes()).setVolume(1).build();
      WorkerpoolOrder poolOrder =
          WorkerpoolOrder.newBuilder()
              .setWorkerpool(pool.bytes())
              .setWorkerpoolprice(price)
              .setVolume(1)
              .setCategory(0)
              .setTrust(1)
              .build();
      RequestOrder request =
          RequestOrder.newBuilder()
              .setApp(app.bytes())
              .setWorkerpool(pool.bytes())
              .setWorkerpoolmaxprice(price)
              .setRequester(Secp256k1.address(requester).bytes())
              .setVolume(1)
              .setCategory(0)
              .setTrust(1)
              .setParams("{\"args\":\"hello\"}")
              .build();
      BroadcastResponse matched =
          chain.send(
              requester,
              PocoMsgs.match(
                  SignedOrders.sign(CHAIN, appOrder, appOwner),
                  null,
                  SignedOrders.sign(CHAIN, poolOrder, scheduler),
                  SignedOrders.sign(CHAIN, request, requester)));
      ByteString dealId = ChainClient.hex(ChainClient.attribute(matched, "deal", "id"));

      chain.send(requester, PocoMsgs.initialize(dealId, 0));
      ByteString taskId = PocoIds.taskId(dealId, 0);
      ByteString digest = PocoMsgs.digest(42);
      chain.send(
          scheduler,
          PocoMsgs.contributeBatch(
              List.of(ContributionSigning.sign(CHAIN, taskId, digest, ByteString.EMPTY, worker))));
      chain.send(
          scheduler,
          PocoMsgs.revealBatch(
              List.of(PocoMsgs.revealItem(taskId, Secp256k1.address(worker).bytes(), digest))));
      chain.send(scheduler, PocoMsgs.finalizeTask(taskId));

      var query = QueryServiceGrpc.newBlockingStub(n.channel());
      assertEquals(
          TaskStatus.TASK_STATUS_COMPLETED,
          query.task(TaskRequest.newBuilder().setId(taskId).build()).getTask().getStatus());
      assertEquals(
          1,
          query
              .contributions(ContributionsRequest.newBuilder().setTaskId(taskId).build())
              .getContributionsCount());
      // the requester paid the workerpool price; the single proved worker is owed 99 % of it and
      // its 30 % stake back, both pending for the reversal window
      long stake = price * 30 / 100;
      assertEquals(1000 * RLC - price, chain.account(requester).getBalance());
      assertEquals(1000 * RLC - stake, chain.account(worker).getBalance());
      assertEquals(
          stake + price * 99 / 100,
          query
              .pending(
                  PendingRequest.newBuilder().setAddress(Secp256k1.address(worker).bytes()).build())
              .getTotal());

      NodeFixture.Result cli =
          n.poco(
              "query", "task", PocoIds.hex(taskId), "--node", n.grpcTarget(), "--output", "json");
      assertEquals(0, cli.exit(), cli.err());
      assertEquals(
          "TASK_STATUS_COMPLETED", new ObjectMapper().readTree(cli.out()).path("status").asText());

      JsonNode found = txSearch("task.id='" + PocoIds.hex(taskId) + "'");
      assertTrue(
          found.path("total_count").asInt() >= 4,
          "initialize, contribute, reveal and finalize are indexed by task.id: " + found);
    }
  }

  /** The same round driven entirely through bin/poco, as an operator would. */
  @Test
  void aDealDrivenThroughTheCommandLineCompletes() throws Exception {
    try (NodeFixture n = new NodeFixture(dir, CHAIN)) {
      node = n;
      n.start();
      n.awaitHeight(2, Duration.ofSeconds(90));
      String home = n.home().root().toString();
      KeyStore keys = new KeyStore(n.home().keyring());
      for (String name : List.of("appowner", "sched", "req", "worker")) {
        keys.create(name, io.poco.node.keys.KeyringBackend.TEST, null);
        cli(
            "tx",
            "send",
            "--from",
            "validator",
            "--to",
            keys.show(name).address().toHex(),
            "--amount",
            "1000RLC");
      }
      String app =
          eventAttr(
              cli(
                  "tx",
                  "poco",
                  "register-app",
                  "--from",
                  "appowner",
                  "--name",
                  "hello",
                  "--image",
                  "reg/hello:1",
                  "--deterministic"),
              "app",
              "id");
      String pool =
          eventAttr(
              cli("tx", "poco", "register-workerpool", "--from", "sched", "--description", "pool"),
              "workerpool",
              "id");
      String requester = keys.show("req").address().toHex();
      Path appOrder = dir.resolve("app.json");
      Path poolOrder = dir.resolve("pool.json");
      Path requestOrder = dir.resolve("request.json");
      cli(
          "tx",
          "poco",
          "sign-order",
          "--from",
          "appowner",
          "--kind",
          "app",
          "--out",
          appOrder.toString(),
          "--order",
          "{\"app\":\"" + app + "\",\"volume\":\"1\"}");
      cli(
          "tx",
          "poco",
          "sign-order",
          "--from",
          "sched",
          "--kind",
          "workerpool",
          "--out",
          poolOrder.toString(),
          "--order",
          "{\"workerpool\":\""
              + pool
              + "\",\"workerpoolprice\":\"20000000000\",\"volume\":\"1\",\"trust\":\"1\"}");
      cli(
          "tx",
          "poco",
          "sign-order",
          "--from",
          "req",
          "--kind",
          "request",
          "--out",
          requestOrder.toString(),
          "--order",
          "{\"app\":\""
              + app
              + "\",\"workerpool\":\""
              + pool
              + "\",\"workerpoolmaxprice\":\"20000000000\",\"requester\":\""
              + requester
              + "\",\"volume\":\"1\",\"trust\":\"1\"}");
      String deal =
          eventAttr(
              cli(
                  "tx",
                  "poco",
                  "match",
                  "--from",
                  "req",
                  "--app-order",
                  appOrder.toString(),
                  "--workerpool-order",
                  poolOrder.toString(),
                  "--request-order",
                  requestOrder.toString()),
              "deal",
              "id");
      String task =
          eventAttr(
              cli("tx", "poco", "initialize", "--from", "req", "--deal", deal, "--idx", "0"),
              "task",
              "id");
      String digest = "0x" + "00".repeat(31) + "2a";
      cli(
          "tx",
          "poco",
          "contribute",
          "--from",
          "sched",
          "--task",
          task,
          "--contribution",
          "worker=" + digest);
      cli(
          "tx",
          "poco",
          "reveal",
          "--from",
          "sched",
          "--task",
          task,
          "--reveal",
          keys.show("worker").address().toHex() + "=" + digest);
      cli("tx", "poco", "finalize", "--from", "sched", "--task", task);
      JsonNode shown = cli("query", "task", task);
      assertEquals("TASK_STATUS_COMPLETED", shown.path("status").asText());
      JsonNode worker = cli("query", "account", "worker");
      assertEquals(Long.toString(1000 * RLC - 6 * RLC), worker.path("balance").asText());
      JsonNode pending = cli("query", "pending", "worker");
      assertEquals(Long.toString(6 * RLC + 20 * RLC * 99 / 100), pending.path("total").asText());
      // a second finalize fails in its block with its code
      NodeFixture.Result again =
          n.poco(
              "tx",
              "poco",
              "finalize",
              "--from",
              "sched",
              "--task",
              task,
              "--node",
              n.grpcTarget(),
              "--home",
              home);
      assertEquals(1, again.exit());
      assertTrue(again.err().contains("WRONG_TASK_STATUS"), again.err());
    }
  }

  private JsonNode cli(String... args) throws Exception {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--node", node.grpcTarget(), "--output", "json"));
    if (!args[0].equals("query") || args[1].equals("account") || args[1].equals("pending")) {
      all.addAll(List.of("--home", node.home().root().toString()));
    }
    NodeFixture.Result r = node.poco(all.toArray(String[]::new));
    assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.err() + r.out());
    String out = r.out();
    return new ObjectMapper().readTree(out.substring(out.indexOf('{')));
  }

  private static String eventAttr(JsonNode result, String type, String key) {
    for (JsonNode e : result.path("events")) {
      if (e.path("type").asText().equals(type)) {
        return e.path("attributes").path(key).asText();
      }
    }
    throw new AssertionError("no " + type + " event in " + result);
  }

  private JsonNode txSearch(String query) throws Exception {
    String url =
        "http://127.0.0.1:"
            + node.ports().rpc()
            + "/tx_search?query="
            + URLEncoder.encode("\"" + query + "\"", StandardCharsets.UTF_8);
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(r.body()).path("result");
  }
}
