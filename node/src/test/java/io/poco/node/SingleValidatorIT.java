package io.poco.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxSigning;
import io.poco.node.keys.KeyStore;
import io.poco.proto.v1.Account;
import io.poco.proto.v1.AccountRequest;
import io.poco.proto.v1.BroadcastMode;
import io.poco.proto.v1.BroadcastRequest;
import io.poco.proto.v1.BroadcastResponse;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgSend;
import io.poco.proto.v1.QueryServiceGrpc;
import io.poco.proto.v1.Tx;
import io.poco.proto.v1.TxBody;
import io.poco.proto.v1.TxServiceGrpc;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single-validator chain made by {@code pocod init} and run by {@code pocod start} with the real
 * CometBFT: blocks commit, transfers go through gRPC and the CLI, bad transactions are refused with
 * their codes, CometBFT is restarted by the supervisor after a crash, and after {@code kill -9} of
 * both processes the chain resumes with the same balances.
 */
class SingleValidatorIT {

  private static final String CHAIN = "it-chain";
  private static final long RLC = 1_000_000_000L;
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void aValidatorCommitsTransfersAndSurvivesCrashes() throws Exception {
    try (NodeFixture node = new NodeFixture(dir, CHAIN)) {
      node.start();
      node.awaitHeight(2, WAIT);
      assertTrue(cometRpcHeight(node) >= 2, "CometBFT's own RPC reports committed blocks");

      KeyStore keys = new KeyStore(node.home().keyring());
      BigInteger validatorKey = keys.privateKey("validator", null);
      Address validator = keys.show("validator").address();
      Address bob = Secp256k1.address(BigInteger.valueOf(4242));
      var txs = TxServiceGrpc.newBlockingStub(node.channel());

      // a transfer over gRPC, waiting for the block
      BroadcastResponse sent =
          txs.broadcast(commit(sign(validatorKey, validator, 0, 0, send(bob, 5 * RLC))));
      assertEquals(0, sent.getCheck().getCode(), sent.getCheck().getLog());
      assertEquals(0, sent.getResult().getCode(), sent.getResult().getLog());
      assertTrue(sent.getHeight() > 0);
      assertEquals(5 * RLC, account(node, bob).getBalance());

      // the same through the CLI, checked with the CLI's JSON output
      NodeFixture.Result cli = cliSend(node, bob, "2.5RLC");
      assertEquals(0, cli.exit(), cli.err() + cli.out());
      NodeFixture.Result query =
          node.poco(
              "query", "account", bob.toHex(), "--node", node.grpcTarget(), "--output", "json");
      assertEquals(0, query.exit(), query.err());
      JsonNode bobJson = new ObjectMapper().readTree(query.out());
      assertEquals(Long.toString(7 * RLC + RLC / 2), bobJson.path("balance").asText());

      // refusals carry their codes and change nothing
      ByteString root = account(node, validator).toByteString();
      Tx good = sign(validatorKey, validator, 2, 0, send(bob, RLC));
      Tx forged =
          good.toBuilder()
              .setSignature(
                  sign(BigInteger.valueOf(99), validator, 2, 0, send(bob, RLC)).getSignature())
              .build();
      assertEquals(
          TxCode.INVALID_SIGNATURE.code(), txs.broadcast(commit(forged)).getCheck().getCode());
      assertEquals(
          TxCode.NONCE_TOO_LOW.code(),
          txs.broadcast(commit(sign(validatorKey, validator, 0, 0, send(bob, RLC))))
              .getCheck()
              .getCode());
      assertEquals(
          TxCode.NONCE_TOO_HIGH.code(),
          txs.broadcast(commit(sign(validatorKey, validator, 9, 0, send(bob, RLC))))
              .getCheck()
              .getCode());
      assertEquals(
          TxCode.INVALID_AMOUNT.code(),
          txs.broadcast(commit(sign(validatorKey, validator, 2, 0, send(bob, 0))))
              .getCheck()
              .getCode());
      Tx otherChain =
          TxSigning.sign(
              body(validator, 2, 0, send(bob, RLC)).setChainId("other").build(), validatorKey);
      assertEquals(
          TxCode.WRONG_CHAIN_ID.code(), txs.broadcast(commit(otherChain)).getCheck().getCode());
      assertEquals(root, account(node, validator).toByteString());

      NodeFixture.Result refused =
          node.poco(
              "tx",
              "broadcast",
              java.util.HexFormat.of().formatHex(forged.toByteArray()),
              "--node",
              node.grpcTarget());
      assertNotEquals(0, refused.exit());
      assertTrue(refused.err().contains("INVALID_SIGNATURE"), refused.err());

      // PoCo queries: a task nobody initialized is NOT_FOUND, a malformed id is refused
      var queries = QueryServiceGrpc.newBlockingStub(node.channel());
      io.grpc.StatusRuntimeException missing =
          org.junit.jupiter.api.Assertions.assertThrows(
              io.grpc.StatusRuntimeException.class,
              () ->
                  queries.task(
                      io.poco.proto.v1.TaskRequest.newBuilder()
                          .setId(ByteString.copyFrom(new byte[32]))
                          .build()));
      assertEquals(io.grpc.Status.Code.NOT_FOUND, missing.getStatus().getCode());
      NodeFixture.Result badId = node.poco("query", "task", "0x12", "--node", node.grpcTarget());
      assertEquals(2, badId.exit(), badId.err());
      assertTrue(badId.err().contains("64 hex digits"), badId.err());

      // an overdraft passes CheckTx, which runs no message, and fails in its block: its nonce is
      // used, the balances are unchanged
      BroadcastResponse overdraft =
          txs.broadcast(commit(sign(validatorKey, validator, 2, 0, send(bob, 2_000_000 * RLC))));
      assertEquals(0, overdraft.getCheck().getCode(), overdraft.getCheck().getLog());
      assertEquals(TxCode.INSUFFICIENT_FUNDS.code(), overdraft.getResult().getCode());
      assertEquals(3, account(node, validator).getNonce());
      assertEquals(7 * RLC + RLC / 2, account(node, bob).getBalance());

      // --dry-run executes without broadcasting: it tells what CheckTx no longer does
      NodeFixture.Result wouldFail = cliSend(node, bob, "2000000RLC", "--dry-run");
      assertEquals(1, wouldFail.exit(), wouldFail.out());
      assertTrue(
          wouldFail.err().contains("refused at simulation: INSUFFICIENT_FUNDS"), wouldFail.err());
      NodeFixture.Result wouldPass = cliSend(node, bob, "1RLC", "--dry-run");
      assertEquals(0, wouldPass.exit(), wouldPass.err());
      JsonNode simulated = new ObjectMapper().readTree(wouldPass.out());
      assertTrue(simulated.path("simulated").asBoolean(), wouldPass.out());
      assertEquals("OK", simulated.path("code_name").asText());
      assertEquals(3, account(node, validator).getNonce());
      assertEquals(7 * RLC + RLC / 2, account(node, bob).getBalance());

      // several queued transactions of one sender, without waiting in between
      for (long nonce = 3; nonce < 6; nonce++) {
        BroadcastResponse queued =
            txs.broadcast(
                BroadcastRequest.newBuilder()
                    .setTx(sign(validatorKey, validator, nonce, 0, send(bob, RLC)).toByteString())
                    .setMode(BroadcastMode.BROADCAST_MODE_SYNC)
                    .build());
        assertEquals(0, queued.getCheck().getCode(), queued.getCheck().getLog());
      }
      node.await(() -> accountOrNull(node, bob) == 10 * RLC + RLC / 2, WAIT, "queued transfers");

      // CometBFT crashes: the supervisor restarts it and blocks continue
      long before = node.height();
      node.killCometBft();
      node.awaitHeight(before + 3, WAIT);

      // both processes die with SIGKILL: the chain resumes with the same balances
      Account validatorBefore = account(node, validator);
      Account bobBefore = account(node, bob);
      long heightBefore = node.height();
      node.killHard();
      node.start();
      node.awaitHeight(heightBefore + 3, WAIT);
      assertEquals(validatorBefore, account(node, validator));
      assertEquals(bobBefore, account(node, bob));
      BroadcastResponse after =
          txs.broadcast(commit(sign(validatorKey, validator, 5, 0, send(bob, RLC))));
      assertEquals(0, after.getResult().getCode(), after.getResult().getLog());
    }
  }

  private static Msg send(Address to, long amount) {
    return Msg.newBuilder()
        .setSend(MsgSend.newBuilder().setTo(to.bytes()).setAmount(amount))
        .build();
  }

  private static TxBody.Builder body(Address sender, long nonce, long fee, Msg msg) {
    return TxBody.newBuilder()
        .setChainId(CHAIN)
        .setNonce(nonce)
        .setSender(sender.bytes())
        .setFee(fee)
        .addMessages(msg);
  }

  private static Tx sign(BigInteger key, Address sender, long nonce, long fee, Msg msg) {
    return TxSigning.sign(body(sender, nonce, fee, msg).build(), key);
  }

  private static BroadcastRequest commit(Tx tx) {
    return BroadcastRequest.newBuilder()
        .setTx(tx.toByteString())
        .setMode(BroadcastMode.BROADCAST_MODE_COMMIT)
        .build();
  }

  private static Account account(NodeFixture node, Address address) {
    return QueryServiceGrpc.newBlockingStub(node.channel())
        .account(AccountRequest.newBuilder().setAddress(address.bytes()).build())
        .getAccount();
  }

  private static long accountOrNull(NodeFixture node, Address address) {
    try {
      return account(node, address).getBalance();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static long cometRpcHeight(NodeFixture node) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + node.ports().rpc() + "/status"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper()
        .readTree(r.body())
        .path("result")
        .path("sync_info")
        .path("latest_block_height")
        .asLong();
  }

  /** {@code poco tx send} from the validator's key with JSON output, plus {@code extra} options. */
  private static NodeFixture.Result cliSend(
      NodeFixture node, Address to, String amount, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "tx",
                "send",
                "--node",
                node.grpcTarget(),
                "--home",
                node.home().root().toString(),
                "--from",
                "validator",
                "--to",
                to.toHex(),
                "--amount",
                amount,
                "--output",
                "json"));
    args.addAll(List.of(extra));
    return node.poco(args.toArray(String[]::new));
  }
}
