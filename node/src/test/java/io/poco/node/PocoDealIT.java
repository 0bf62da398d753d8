package io.poco.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.ids.PocoIds;
import io.poco.core.market.SignedOrders;
import io.poco.core.task.ContributionSigning;
import io.poco.core.task.PocoMsgs;
import io.poco.node.keys.KeyStore;
import io.poco.proto.v1.Account;
import io.poco.proto.v1.AppOrder;
import io.poco.proto.v1.ContributionStatus;
import io.poco.proto.v1.ContributionsRequest;
import io.poco.proto.v1.DatasetOrder;
import io.poco.proto.v1.PendingRequest;
import io.poco.proto.v1.PendingResponse;
import io.poco.proto.v1.QueryServiceGrpc;
import io.poco.proto.v1.RequestOrder;
import io.poco.proto.v1.RevealItem;
import io.poco.proto.v1.SignedContribution;
import io.poco.proto.v1.StatusRequest;
import io.poco.proto.v1.Task;
import io.poco.proto.v1.TaskRequest;
import io.poco.proto.v1.TaskStatus;
import io.poco.proto.v1.WorkerContributionView;
import io.poco.proto.v1.WorkerRequest;
import io.poco.proto.v1.WorkerpoolOrder;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deal of volume 3 on a real single-validator chain, with the balances, stakes and scores of
 * poco.md §4–§5 computed by hand below. Genesis imports worker scores (12, 100, 300, 0) and scales
 * category 0 down to a 3-second reference time, so a second deal can be claimed after its final
 * deadline within the test.
 *
 * <p>Deal A: app price 2 RLC, dataset price 1 RLC, workerpool price 20 RLC, trust 100, workerpool
 * ratios 35 % stake and 5 % scheduler reward, so each worker stakes 7 RLC and the scheduler 6 RLC
 * per task (the fixed 30 %). Task 0: W2 and W3 agree. Task 1: W1 votes wrong first, then W2 and W3
 * (the worked example of §4 and §5). Task 2: W4, W2 and W3 agree, with the scores task 0 and 1
 * left. Deal B (category 0, volume 1): W4 contributes, nobody else does, and it is claimed.
 */
class PocoDealIT {

  private static final String CHAIN = "poco-deal-it";
  private static final long RLC = 1_000_000_000L;
  private static final long FUNDS = 1000 * RLC;
  private static final long WORKER_FUNDS = 100 * RLC;
  private static final long WORKERPOOL_PRICE = 20 * RLC;
  private static final long APP_PRICE = 2 * RLC;
  private static final long DATASET_PRICE = RLC;
  private static final long WORKER_STAKE = 7 * RLC; // 20 × 35 / 100
  private static final long SCHEDULER_STAKE = 6 * RLC; // 20 × 30 / 100
  private static final long TIMEREF_XS = 3;
  // The reversal window (poco.md §7), short so that the test sees payouts released.
  private static final long REVERSAL_WINDOW = 45;

  @TempDir Path dir;

  private final BigInteger appOwner = BigInteger.valueOf(8001);
  private final BigInteger datasetOwner = BigInteger.valueOf(8002);
  private final BigInteger scheduler = BigInteger.valueOf(8003);
  private final BigInteger requester = BigInteger.valueOf(8004);
  private final BigInteger lateRequester = BigInteger.valueOf(8005);
  private final BigInteger w1 = BigInteger.valueOf(8011);
  private final BigInteger w2 = BigInteger.valueOf(8012);
  private final BigInteger w3 = BigInteger.valueOf(8013);
  private final BigInteger w4 = BigInteger.valueOf(8014);

  private NodeFixture node;
  private ChainClient chain;

  @Test
  void aDealOfThreeTasksPaysEveryoneExactlyAndALateTaskIsClaimed() throws Exception {
    try (NodeFixture n = new NodeFixture(dir, CHAIN)) {
      node = n;
      scaleCategoryZeroAndImportScores();
      n.start();
      n.awaitHeight(2, Duration.ofSeconds(90));
      chain = new ChainClient(CHAIN, n.channel());
      fund();

      chain.send(appOwner, PocoMsgs.registerApp(true));
      Address app = PocoIds.appId(Secp256k1.address(appOwner), 0);
      chain.send(datasetOwner, PocoMsgs.registerDataset());
      Address dataset = PocoIds.datasetId(Secp256k1.address(datasetOwner), 0);
      chain.send(scheduler, PocoMsgs.registerWorkerpool(35, 5));
      Address pool = PocoIds.workerpoolId(Secp256k1.address(scheduler), 0);

      // Deal B first, so its final deadline passes while deal A runs.
      ByteString lateDeal = match(app, null, pool, lateRequester, 0, 1);
      chain.send(lateRequester, PocoMsgs.initialize(lateDeal, 0));
      ByteString lateTask = PocoIds.taskId(lateDeal, 0);
      chain.send(scheduler, PocoMsgs.contributeBatch(List.of(vote(lateTask, w4, 42))));
      assertEquals(FUNDS - APP_PRICE - WORKERPOOL_PRICE, chain.account(lateRequester).getBalance());
      assertEquals(APP_PRICE + WORKERPOOL_PRICE, chain.account(lateRequester).getLocked());

      ByteString deal = match(app, dataset, pool, requester, 1, 3);
      // the requester locks (2 + 1 + 20) × 3, the scheduler 6 × 3 (plus 6 for deal B)
      assertEquals(69 * RLC, chain.account(requester).getLocked());
      assertEquals(4 * SCHEDULER_STAKE, chain.account(scheduler).getLocked());

      ByteString t0 = PocoIds.taskId(deal, 0);
      runTask(deal, 0, List.of(vote(t0, w2, 42), vote(t0, w3, 42)), List.of(w2, w3));
      // weights 32 and 99 (scores 100, 300): 3 168 × 100 > 3 169 × 99 after the second vote.
      // 19 RLC to the workers by reward weights 5 and 6 of 11; the scheduler keeps the dust.
      // Nothing is paid at finalize: stakes and rewards are pending for the reversal window.
      expect(w2, WORKER_FUNDS - WORKER_STAKE, 0);
      PendingResponse w2Pending = pending(w2);
      assertEquals(WORKER_STAKE + 8_636_363_636L, w2Pending.getTotal());
      assertEquals(
          task(t0).getFinalTime() + REVERSAL_WINDOW, w2Pending.getEntries(0).getReleaseTime());
      assertEquals(t0, w2Pending.getEntries(0).getTaskId());
      NodeFixture.Result pendingCli =
          n.poco(
              "query",
              "pending",
              Secp256k1.address(w2).toHex(),
              "--node",
              n.grpcTarget(),
              "--output",
              "json");
      assertEquals(0, pendingCli.exit(), pendingCli.err());
      assertEquals(
          Long.toString(WORKER_STAKE + 8_636_363_636L),
          new ObjectMapper().readTree(pendingCli.out()).path("total").asText());
      StatusRuntimeException badAddress =
          assertThrows(
              StatusRuntimeException.class,
              () ->
                  QueryServiceGrpc.newBlockingStub(n.channel())
                      .pending(
                          PendingRequest.newBuilder()
                              .setAddress(ByteString.copyFrom(new byte[3]))
                              .build()));
      assertEquals(Status.Code.INVALID_ARGUMENT, badAddress.getStatus().getCode());
      expectOwed(w2, WORKER_FUNDS + 8_636_363_636L, 0);
      expectOwed(w3, WORKER_FUNDS + 10_363_636_363L, 0);
      expectScores(12, 101, 301, 0);

      ByteString t1 = PocoIds.taskId(deal, 1);
      runTask(
          deal, 1, List.of(vote(t1, w1, 17), vote(t1, w2, 42), vote(t1, w3, 42)), List.of(w2, w3));
      // §5's example: W1's 7 RLC joins the reward, 27 RLC, workers share 25.65 RLC.
      expectOwed(w1, WORKER_FUNDS - WORKER_STAKE, 0);
      expectOwed(w2, WORKER_FUNDS + 8_636_363_636L + 11_659_090_909L, 0);
      expectOwed(w3, WORKER_FUNDS + 10_363_636_363L + 13_990_909_090L, 0);
      expectScores(8, 102, 302, 0);
      assertEquals(
          List.of(
              ContributionStatus.CONTRIBUTION_STATUS_PROVED,
              ContributionStatus.CONTRIBUTION_STATUS_PROVED,
              ContributionStatus.CONTRIBUTION_STATUS_CONTRIBUTED),
          statuses(t1, w2, w3, w1));

      ByteString t2 = PocoIds.taskId(deal, 2);
      runTask(
          deal,
          2,
          List.of(vote(t2, w4, 42), vote(t2, w2, 42), vote(t2, w3, 42)),
          List.of(w4, w2, w3));
      // weights 2, 33, 99 (scores 0, 102, 302); reward weights 1, 5, 6 of 12 over 19 RLC.
      expectOwed(w4, WORKER_FUNDS + 1_583_333_333L - WORKER_STAKE, WORKER_STAKE);
      expectOwed(w2, WORKER_FUNDS + 28_212_121_211L, 0);
      expectOwed(w3, WORKER_FUNDS + 33_854_545_453L, 0);
      expectScores(8, 103, 303, 1);

      expectOwed(requester, FUNDS - 69 * RLC, 0);
      expectOwed(appOwner, FUNDS + 3 * APP_PRICE, 0);
      expectOwed(datasetOwner, FUNDS + 3 * DATASET_PRICE, 0);
      // 1.000000001 + 1.350000001 + 1.000000001 RLC of rewards; deal B's stake still locked
      expectOwed(scheduler, FUNDS + 3_350_000_003L - SCHEDULER_STAKE, SCHEDULER_STAKE);

      // Deal B: W4 alone never reaches consensus at trust 100; after the final deadline anyone
      // claims: the requester is refunded, the scheduler's stake goes to the kitty, W4's stake
      // comes back without penalty and its score is unchanged.
      awaitBlockTimePast(task(lateTask).getFinalDeadline());
      chain.send(w1, PocoMsgs.claim(lateDeal, 0));
      assertEquals(TaskStatus.TASK_STATUS_FAILED, task(lateTask).getStatus());
      expectOwed(lateRequester, FUNDS, 0);
      expectOwed(w4, WORKER_FUNDS + 1_583_333_333L, 0);
      expectOwed(scheduler, FUNDS + 3_350_000_003L - SCHEDULER_STAKE, 0);
      expectScores(8, 103, 303, 1);

      // After the window every pending entry is credited once and the tasks are SETTLED.
      awaitBlockTimePast(task(t2).getFinalTime() + REVERSAL_WINDOW);
      for (ByteString t : List.of(t0, t1, t2)) {
        assertEquals(TaskStatus.TASK_STATUS_SETTLED, task(t).getStatus());
      }
      assertEquals(TaskStatus.TASK_STATUS_FAILED, task(lateTask).getStatus());
      expect(w1, WORKER_FUNDS - WORKER_STAKE, 0);
      expect(w2, WORKER_FUNDS + 28_212_121_211L, 0);
      expect(w3, WORKER_FUNDS + 33_854_545_453L, 0);
      expect(w4, WORKER_FUNDS + 1_583_333_333L, 0);
      expect(requester, FUNDS - 69 * RLC, 0);
      expect(lateRequester, FUNDS, 0);
      expect(appOwner, FUNDS + 3 * APP_PRICE, 0);
      expect(datasetOwner, FUNDS + 3 * DATASET_PRICE, 0);
      expect(scheduler, FUNDS + 3_350_000_003L - SCHEDULER_STAKE, 0);
      for (BigInteger k : List.of(w1, w2, w3, w4, appOwner, datasetOwner, scheduler)) {
        assertEquals(0, pending(k).getEntriesCount(), "pending of " + Secp256k1.address(k));
      }

      // the same score through the command line
      NodeFixture.Result cli =
          n.poco(
              "query",
              "worker",
              Secp256k1.address(w1).toHex(),
              "--node",
              n.grpcTarget(),
              "--output",
              "json");
      assertEquals(0, cli.exit(), cli.err());
      assertEquals("8", new ObjectMapper().readTree(cli.out()).path("score").asText());
    }
  }

  private void scaleCategoryZeroAndImportScores() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Path genesis = node.home().genesis();
    ObjectNode root = (ObjectNode) json.readTree(genesis.toFile());
    ObjectNode appState = (ObjectNode) root.path("app_state");
    ObjectNode poco = appState.putObject("poco");
    poco.put("reversal_window_seconds", REVERSAL_WINDOW);
    ArrayNode categories = poco.putArray("categories");
    long[] timerefs = {TIMEREF_XS, 1200, 3600, 10800, 36000};
    String[] names = {"XS", "S", "M", "L", "XL"};
    for (int i = 0; i < timerefs.length; i++) {
      categories.addObject().put("name", names[i]).put("timeref_seconds", timerefs[i]);
    }
    ArrayNode scores = appState.putArray("worker_scores");
    long[] initial = {12, 100, 300};
    BigInteger[] workers = {w1, w2, w3};
    for (int i = 0; i < workers.length; i++) {
      scores
          .addObject()
          .put("address", Secp256k1.address(workers[i]).toHex())
          .put("score", initial[i]);
    }
    Files.writeString(genesis, json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
  }

  private void fund() throws Exception {
    BigInteger faucet = new KeyStore(node.home().keyring()).privateKey("validator", null);
    for (BigInteger k : List.of(appOwner, datasetOwner, scheduler, requester, lateRequester)) {
      chain.send(faucet, ChainClient.transfer(Secp256k1.address(k), FUNDS));
    }
    for (BigInteger k : List.of(w1, w2, w3, w4)) {
      chain.send(faucet, ChainClient.transfer(Secp256k1.address(k), WORKER_FUNDS));
    }
  }

  /** Signs the four orders (dataset optional) for {@code volume} tasks and matches them. */
  private ByteString match(
      Address app, Address dataset, Address pool, BigInteger who, int category, long volume) {
    AppOrder appOrder =
        AppOrder.newBuilder().setApp(app.bytes()).setAppprice(APP_PRICE).setVolume(volume).build();
    WorkerpoolOrder poolOrder =
        WorkerpoolOrder.newBuilder()
            .setWorkerpool(pool.bytes())
            .setWorkerpoolprice(WORKERPOOL_PRICE)
            .setVolume(volume)
            .setCategory(category)
            .setTrust(100)
            .build();
    RequestOrder.Builder request =
        RequestOrder.newBuilder()
            .setApp(app.bytes())
            .setAppmaxprice(APP_PRICE)
            .setWorkerpool(pool.bytes())
            .setWorkerpoolmaxprice(WORKERPOOL_PRICE)
            .setRequester(Secp256k1.address(who).bytes())
            .setVolume(volume)
            .setCategory(category)
            .setTrust(100);
    var signedDataset =
        dataset == null
            ? null
            : SignedOrders.sign(
                CHAIN,
                DatasetOrder.newBuilder()
                    .setDataset(dataset.bytes())
                    .setDatasetprice(DATASET_PRICE)
                    .setVolume(volume)
                    .build(),
                datasetOwner);
    if (dataset != null) {
      request.setDataset(dataset.bytes()).setDatasetmaxprice(DATASET_PRICE);
    }
    var matched =
        chain.send(
            who,
            PocoMsgs.match(
                SignedOrders.sign(CHAIN, appOrder, appOwner),
                signedDataset,
                SignedOrders.sign(CHAIN, poolOrder, scheduler),
                SignedOrders.sign(CHAIN, request.build(), who)));
    return ChainClient.hex(ChainClient.attribute(matched, "deal", "id"));
  }

  private static SignedContribution vote(ByteString taskId, BigInteger worker, int value) {
    return ContributionSigning.sign(
        CHAIN, taskId, PocoMsgs.digest(value), ByteString.EMPTY, worker);
  }

  /** Initialize, one batch of contributions, one batch of the winners' reveals, finalize. */
  private void runTask(
      ByteString deal, long idx, List<SignedContribution> votes, List<BigInteger> winners) {
    ByteString taskId = PocoIds.taskId(deal, idx);
    chain.send(requester, PocoMsgs.initialize(deal, idx));
    chain.send(scheduler, PocoMsgs.contributeBatch(votes));
    assertEquals(TaskStatus.TASK_STATUS_REVEALING, task(taskId).getStatus());
    List<RevealItem> reveals = new ArrayList<>();
    for (BigInteger w : winners) {
      reveals.add(PocoMsgs.revealItem(taskId, Secp256k1.address(w).bytes(), PocoMsgs.digest(42)));
    }
    chain.send(scheduler, PocoMsgs.revealBatch(reveals));
    chain.send(scheduler, PocoMsgs.finalizeTask(taskId));
    assertEquals(TaskStatus.TASK_STATUS_COMPLETED, task(taskId).getStatus());
  }

  private Task task(ByteString id) {
    return QueryServiceGrpc.newBlockingStub(node.channel())
        .task(TaskRequest.newBuilder().setId(id).build())
        .getTask();
  }

  private List<ContributionStatus> statuses(ByteString taskId, BigInteger... workers) {
    List<WorkerContributionView> all =
        QueryServiceGrpc.newBlockingStub(node.channel())
            .contributions(ContributionsRequest.newBuilder().setTaskId(taskId).build())
            .getContributionsList();
    List<ContributionStatus> out = new ArrayList<>();
    for (BigInteger w : workers) {
      ByteString address = Secp256k1.address(w).bytes();
      out.add(
          all.stream()
              .filter(c -> c.getWorker().equals(address))
              .findFirst()
              .orElseThrow()
              .getContribution()
              .getStatus());
    }
    return out;
  }

  private void expect(BigInteger who, long balance, long locked) {
    Account a = chain.account(who);
    assertEquals(balance, a.getBalance(), "balance of " + Secp256k1.address(who));
    assertEquals(locked, a.getLocked(), "locked of " + Secp256k1.address(who));
  }

  /** What {@code who} is owed: spendable plus pending (whether or not released yet). */
  private void expectOwed(BigInteger who, long owed, long locked) {
    Account a = chain.account(who);
    long pending = pending(who).getTotal();
    assertEquals(owed, a.getBalance() + pending, "balance + pending of " + Secp256k1.address(who));
    assertEquals(locked, a.getLocked(), "locked of " + Secp256k1.address(who));
  }

  private PendingResponse pending(BigInteger who) {
    return QueryServiceGrpc.newBlockingStub(node.channel())
        .pending(PendingRequest.newBuilder().setAddress(Secp256k1.address(who).bytes()).build());
  }

  private void expectScores(long s1, long s2, long s3, long s4) {
    long[] expected = {s1, s2, s3, s4};
    BigInteger[] workers = {w1, w2, w3, w4};
    for (int i = 0; i < workers.length; i++) {
      long score =
          QueryServiceGrpc.newBlockingStub(node.channel())
              .worker(
                  WorkerRequest.newBuilder()
                      .setAddress(Secp256k1.address(workers[i]).bytes())
                      .build())
              .getScore();
      assertEquals(expected[i], score, "score of W" + (i + 1));
    }
  }

  private void awaitBlockTimePast(long deadline) throws Exception {
    node.await(
        () ->
            Instant.parse(
                        QueryServiceGrpc.newBlockingStub(node.channel())
                            .status(StatusRequest.getDefaultInstance())
                            .getLatestBlockTime())
                    .getEpochSecond()
                > deadline,
        Duration.ofSeconds(10 * TIMEREF_XS + 30),
        "block time past the final deadline " + deadline);
    assertTrue(deadline > 0);
  }
}
