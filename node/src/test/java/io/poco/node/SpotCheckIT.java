package io.poco.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.ids.PocoIds;
import io.poco.core.market.SignedOrders;
import io.poco.core.task.ContributionSigning;
import io.poco.core.task.PocoMsgs;
import io.poco.core.task.ResultBinding;
import io.poco.core.tx.TxCode;
import io.poco.node.keys.KeyStore;
import io.poco.node.keys.KeyringBackend;
import io.poco.proto.v1.AppOrder;
import io.poco.proto.v1.BroadcastResponse;
import io.poco.proto.v1.CheckOutcome;
import io.poco.proto.v1.CheckRequest;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgRegisterVerifier;
import io.poco.proto.v1.MsgVerifierCommit;
import io.poco.proto.v1.MsgVerifierReveal;
import io.poco.proto.v1.PendingRequest;
import io.poco.proto.v1.QueryServiceGrpc;
import io.poco.proto.v1.RequestOrder;
import io.poco.proto.v1.RevealItem;
import io.poco.proto.v1.SlotStatus;
import io.poco.proto.v1.SpotCheck;
import io.poco.proto.v1.StatusRequest;
import io.poco.proto.v1.SupplyRequest;
import io.poco.proto.v1.Task;
import io.poco.proto.v1.TaskRequest;
import io.poco.proto.v1.TaskStatus;
import io.poco.proto.v1.VerifierSlot;
import io.poco.proto.v1.WorkerRequest;
import io.poco.proto.v1.WorkerpoolOrder;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * poco.md §6–§7 on a real chain (timeref 10 s, reversal window 90 s, every completed task of the
 * deterministic app spot-checked, r = 1). Task D, completed by a colluding pair (W5, W6) before any
 * verifier registered, is challenged with {@code poco tx poco challenge}, found wrong and reversed
 * with the balances of §7. Task A is completed by a colluding pair (W1, W2) on a wrong result, task
 * B by W1 and W3 on the right one, task C by W3 and W4. A's verifier finds the result wrong, the 2r
 * + 1 verifiers added agree, and A is reversed: the requester gets A's price back, W1 and W2 lose
 * their stakes, scores and are blacklisted, the finders are paid. Backtracking reverses B (its
 * consensus needed W1). C's check upholds it; a challenge of C through the CLI resolves at the
 * window's end; C settles and pays W3 and W4. Pending funds cannot be spent, and the supply adds
 * up.
 */
class SpotCheckIT {

  private static final String CHAIN = "spot-check-it";
  private static final long RLC = 1_000_000_000L;
  private static final long FUNDS = 2_000 * RLC;
  private static final long PRICE = 10 * RLC;
  private static final long STAKE = 3 * RLC; // 10 × 30 %
  private static final long TIMEREF = 10;
  private static final long WINDOW = 90;
  private static final int HONEST = 7;
  private static final int WRONG = 9;

  @TempDir Path dir;

  private final BigInteger appOwner = BigInteger.valueOf(9001);
  private final BigInteger scheduler = BigInteger.valueOf(9002);
  private final BigInteger requester = BigInteger.valueOf(9003);
  private final BigInteger challenger = BigInteger.valueOf(9004);
  private final BigInteger w1 = BigInteger.valueOf(9011);
  private final BigInteger w2 = BigInteger.valueOf(9012);
  private final BigInteger w3 = BigInteger.valueOf(9013);
  private final BigInteger w4 = BigInteger.valueOf(9014);
  private final BigInteger w5 = BigInteger.valueOf(9015);
  private final BigInteger w6 = BigInteger.valueOf(9016);
  private final List<BigInteger> verifiers =
      List.of(
          BigInteger.valueOf(9021),
          BigInteger.valueOf(9022),
          BigInteger.valueOf(9023),
          BigInteger.valueOf(9024));

  private NodeFixture node;
  private ChainClient chain;
  private QueryServiceGrpc.QueryServiceBlockingStub query;

  @Test
  void aWrongConsensusIsFoundReversedAndBacktrackedWhileHonestTasksSettle() throws Exception {
    try (NodeFixture n = new NodeFixture(dir, CHAIN)) {
      node = n;
      configureGenesis();
      n.start();
      n.awaitHeight(2, Duration.ofSeconds(90));
      chain = new ChainClient(CHAIN, n.channel());
      query = QueryServiceGrpc.newBlockingStub(n.channel());
      BigInteger faucet = new KeyStore(n.home().keyring()).privateKey("validator", null);
      List<BigInteger> everyone =
          new ArrayList<>(
              List.of(appOwner, scheduler, requester, challenger, w1, w2, w3, w4, w5, w6));
      everyone.addAll(verifiers);
      for (BigInteger k : everyone) {
        chain.send(faucet, ChainClient.transfer(Secp256k1.address(k), FUNDS));
      }
      // the challenger signs through the CLI: its key goes into the node's key store
      new KeyStore(n.home().keyring())
          .importKey("challenger", challenger, KeyringBackend.TEST, null);

      chain.send(appOwner, PocoMsgs.registerApp(true));
      Address app = PocoIds.appId(Secp256k1.address(appOwner), 0);
      chain.send(scheduler, PocoMsgs.registerWorkerpool(null, null));
      Address pool = PocoIds.workerpoolId(Secp256k1.address(scheduler), 0);
      ByteString deal = match(app, pool);
      // D: W5 and W6 collude while no verifier is registered yet: its spot-check draw is skipped
      ByteString d = runTask(deal, 3, WRONG, w5, w6);
      for (BigInteger v : verifiers) {
        chain.send(
            v,
            Msg.newBuilder().setRegisterVerifier(MsgRegisterVerifier.getDefaultInstance()).build());
      }
      ByteString a = runTask(deal, 0, WRONG, w1, w2);
      ByteString b = runTask(deal, 1, HONEST, w1, w3);
      ByteString c = runTask(deal, 2, HONEST, w3, w4);
      long requesterAfterFinalize = chain.account(requester).getBalance();
      assertEquals(FUNDS - 4 * PRICE, requesterAfterFinalize);

      // D challenged through the CLI: found wrong, reversed; the challenger's bond comes back with
      // 10 % of the 6 RLC seized, the four finders share another 10 %
      NodeFixture.Result challengeD =
          n.poco(
              "tx",
              "poco",
              "challenge",
              "--task",
              PocoIds.hex(d),
              "--from",
              "challenger",
              "--home",
              n.home().root().toString(),
              "--node",
              n.grpcTarget(),
              "--output",
              "json");
      assertEquals(0, challengeD.exit(), challengeD.err() + challengeD.out());
      assertEquals(FUNDS - 100 * RLC, chain.account(challenger).getBalance());
      answer(d, HONEST);
      answer(d, HONEST);
      assertEquals(CheckOutcome.CHECK_OUTCOME_FRAUD, check(d).getOutcome());
      assertEquals(TaskStatus.TASK_STATUS_REVERSED, task(d).getStatus());
      assertEquals(FUNDS + 600_000_000L, chain.account(challenger).getBalance());
      assertEquals(0, chain.account(challenger).getLocked());
      assertEquals(requesterAfterFinalize + PRICE, chain.account(requester).getBalance());
      assertEquals(FUNDS - STAKE, chain.account(w5).getBalance());
      assertEquals(0, pending(w5) + pending(w6));
      requesterAfterFinalize += PRICE;

      // every task is under a spot-check with one verifier
      for (ByteString t : List.of(a, b, c)) {
        assertEquals(CheckOutcome.CHECK_OUTCOME_OPEN, check(t).getOutcome());
        assertEquals(1, check(t).getSlotsCount());
      }
      // C's verifier re-executes and agrees: upheld
      answer(c, HONEST);
      assertEquals(CheckOutcome.CHECK_OUTCOME_UPHELD, check(c).getOutcome());
      // A's verifier finds another result: 3 more verifiers, who find it too: fraud
      answer(a, HONEST);
      assertTrue(check(a).getEscalated());
      assertEquals(4, check(a).getSlotsCount());
      answer(a, HONEST);
      assertEquals(CheckOutcome.CHECK_OUTCOME_FRAUD, check(a).getOutcome());

      assertEquals(TaskStatus.TASK_STATUS_REVERSED, task(a).getStatus());
      assertEquals(TaskStatus.TASK_STATUS_REVERSED, task(b).getStatus(), "backtracked");
      assertEquals(TaskStatus.TASK_STATUS_COMPLETED, task(c).getStatus());
      assertEquals(requesterAfterFinalize + 2 * PRICE, chain.account(requester).getBalance());
      assertEquals(FUNDS - STAKE * 2, chain.account(w1).getBalance());
      assertEquals(FUNDS - STAKE, chain.account(w2).getBalance());
      assertEquals(0, pending(w1) + pending(w2));
      for (BigInteger caught : List.of(w1, w2)) {
        var record =
            query.worker(
                WorkerRequest.newBuilder().setAddress(Secp256k1.address(caught).bytes()).build());
        assertEquals(0, record.getScore());
        assertTrue(record.getBlacklistedUntil() > blockTime() + 29L * 86_400);
      }
      // W3: B's stake back at once, C's stake and reward pending until C settles
      assertEquals(FUNDS - STAKE, chain.account(w3).getBalance());
      assertTrue(pending(w3) > STAKE);
      // pending funds cannot be spent
      BroadcastResponse spend =
          chain.broadcast(w3, ChainClient.transfer(Secp256k1.address(w4), FUNDS - STAKE + 1));
      assertEquals(0, spend.getCheck().getCode(), spend.getCheck().getLog());
      assertEquals(
          TxCode.INSUFFICIENT_FUNDS.code(),
          spend.getResult().getCode(),
          spend.getResult().getLog());

      // a challenge of C through the CLI; nobody answers, so it resolves for the consensus at the
      // window's end and the challenger gets its bond back
      NodeFixture.Result challenge =
          n.poco(
              "tx",
              "poco",
              "challenge",
              "--task",
              PocoIds.hex(c),
              "--from",
              "challenger",
              "--home",
              n.home().root().toString(),
              "--node",
              n.grpcTarget(),
              "--output",
              "json");
      assertEquals(0, challenge.exit(), challenge.err() + challenge.out());
      NodeFixture.Result shown =
          n.poco("query", "check", PocoIds.hex(c), "--node", n.grpcTarget(), "--output", "json");
      assertEquals(0, shown.exit(), shown.err());
      JsonNode shownJson = new ObjectMapper().readTree(shown.out());
      assertEquals("CHECK_OUTCOME_OPEN", shownJson.path("outcome").asText());
      assertEquals(Secp256k1.address(challenger).toHex(), shownJson.path("challenger").asText());
      assertEquals(100 * RLC, chain.account(challenger).getLocked());
      assertEquals(FUNDS + 600_000_000L - 100 * RLC, chain.account(challenger).getBalance());

      long w3Owed = chain.account(w3).getBalance() + pending(w3);
      long w4Owed = chain.account(w4).getBalance() + pending(w4);
      long release = task(c).getReleaseTime();
      node.await(() -> blockTime() > release, Duration.ofSeconds(WINDOW + 60), "C's window end");
      node.await(
          () -> task(c).getStatus() == TaskStatus.TASK_STATUS_SETTLED,
          Duration.ofSeconds(30),
          "C settled");
      assertEquals(CheckOutcome.CHECK_OUTCOME_UPHELD, check(c).getOutcome());
      assertEquals(FUNDS + 600_000_000L, chain.account(challenger).getBalance());
      assertEquals(w3Owed, chain.account(w3).getBalance());
      assertEquals(w4Owed, chain.account(w4).getBalance());
      assertEquals(0, pending(w3) + pending(w4));
      assertEquals("", query.supply(SupplyRequest.getDefaultInstance()).getAudit());
      NodeFixture.Result verifierCli =
          n.poco(
              "query",
              "verifier",
              Secp256k1.address(verifiers.get(0)).toHex(),
              "--node",
              n.grpcTarget(),
              "--output",
              "json");
      assertEquals(0, verifierCli.exit(), verifierCli.err());
      assertEquals(0, new ObjectMapper().readTree(verifierCli.out()).path("open_checks").asInt());
    }
  }

  /**
   * Every verifier with a pending commit commits {@code vote}; then every committed one reveals.
   */
  private void answer(ByteString taskId, int vote) {
    TreeMap<Address, BigInteger> keys = new TreeMap<>();
    for (BigInteger v : verifiers) {
      keys.put(Secp256k1.address(v), v);
    }
    ByteString digest = PocoMsgs.digest(vote);
    for (VerifierSlot s : check(taskId).getSlotsList()) {
      if (s.getStatus() == SlotStatus.SLOT_STATUS_ASSIGNED) {
        Address v = new Address(s.getVerifier());
        chain.send(
            keys.get(v),
            Msg.newBuilder()
                .setVerifierCommit(
                    MsgVerifierCommit.newBuilder()
                        .setTaskId(taskId)
                        .setResultHash(ResultBinding.resultHash(taskId, digest))
                        .setResultSeal(ResultBinding.resultSeal(v, taskId, digest)))
                .build());
      }
    }
    for (VerifierSlot s : check(taskId).getSlotsList()) {
      if (s.getStatus() == SlotStatus.SLOT_STATUS_COMMITTED) {
        chain.send(
            keys.get(new Address(s.getVerifier())),
            Msg.newBuilder()
                .setVerifierReveal(
                    MsgVerifierReveal.newBuilder().setTaskId(taskId).setResultDigest(digest))
                .build());
      }
    }
  }

  private void configureGenesis() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Path genesis = node.home().genesis();
    ObjectNode root = (ObjectNode) json.readTree(genesis.toFile());
    ObjectNode appState = (ObjectNode) root.path("app_state");
    ObjectNode poco = appState.putObject("poco");
    poco.put("reversal_window_seconds", WINDOW);
    poco.put("spot_check_ppm", 1_000_000);
    ArrayNode categories = poco.putArray("categories");
    categories.addObject().put("name", "XS").put("timeref_seconds", TIMEREF);
    ArrayNode scores = appState.putArray("worker_scores");
    for (BigInteger v : verifiers) {
      scores.addObject().put("address", Secp256k1.address(v).toHex()).put("score", 100);
    }
    Files.writeString(genesis, json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
  }

  private ByteString match(Address app, Address pool) {
    AppOrder appOrder = AppOrder.newBuilder().setApp(app.bytes()).setVolume(4).build();
    WorkerpoolOrder poolOrder =
        WorkerpoolOrder.newBuilder()
            .setWorkerpool(pool.bytes())
            .setWorkerpoolprice(PRICE)
            .setVolume(4)
            .setTrust(4)
            .build();
    RequestOrder request =
        RequestOrder.newBuilder()
            .setApp(app.bytes())
            .setWorkerpool(pool.bytes())
            .setWorkerpoolmaxprice(PRICE)
            .setRequester(Secp256k1.address(requester).bytes())
            .setVolume(4)
            .setTrust(4)
            .build();
    var matched =
        chain.send(
            requester,
            PocoMsgs.match(
                SignedOrders.sign(CHAIN, appOrder, appOwner),
                null,
                SignedOrders.sign(CHAIN, poolOrder, scheduler),
                SignedOrders.sign(CHAIN, request, requester)));
    return ChainClient.hex(ChainClient.attribute(matched, "deal", "id"));
  }

  /** Both workers vote {@code vote}, reveal, and the scheduler finalizes: COMPLETED. */
  private ByteString runTask(ByteString deal, long idx, int vote, BigInteger... workers) {
    ByteString taskId = PocoIds.taskId(deal, idx);
    chain.send(requester, PocoMsgs.initialize(deal, idx));
    List<io.poco.proto.v1.SignedContribution> votes = new ArrayList<>();
    List<RevealItem> reveals = new ArrayList<>();
    for (BigInteger w : workers) {
      votes.add(
          ContributionSigning.sign(CHAIN, taskId, PocoMsgs.digest(vote), ByteString.EMPTY, w));
      reveals.add(PocoMsgs.revealItem(taskId, Secp256k1.address(w).bytes(), PocoMsgs.digest(vote)));
    }
    chain.send(scheduler, PocoMsgs.contributeBatch(votes));
    chain.send(scheduler, PocoMsgs.revealBatch(reveals));
    chain.send(scheduler, PocoMsgs.finalizeTask(taskId));
    assertEquals(TaskStatus.TASK_STATUS_COMPLETED, task(taskId).getStatus());
    return taskId;
  }

  private SpotCheck check(ByteString taskId) {
    return query.check(CheckRequest.newBuilder().setTaskId(taskId).build()).getCheck();
  }

  private Task task(ByteString id) {
    return query.task(TaskRequest.newBuilder().setId(id).build()).getTask();
  }

  private long pending(BigInteger who) {
    return query
        .pending(PendingRequest.newBuilder().setAddress(Secp256k1.address(who).bytes()).build())
        .getTotal();
  }

  private long blockTime() {
    return Instant.parse(query.status(StatusRequest.getDefaultInstance()).getLatestBlockTime())
        .getEpochSecond();
  }
}
