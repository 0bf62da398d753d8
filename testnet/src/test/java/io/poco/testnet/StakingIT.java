package io.poco.testnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.poco.core.crypto.Address;
import io.poco.core.params.PocoParamsKeeper;
import io.poco.core.tx.TxSigning;
import io.poco.node.comet.CometHomeInitializer;
import io.poco.node.config.Toml;
import io.poco.proto.v1.AccountRequest;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgCreateValidator;
import io.poco.proto.v1.MsgSend;
import io.poco.proto.v1.MsgUnbond;
import io.poco.proto.v1.MsgUnjail;
import io.poco.proto.v1.QueryServiceGrpc;
import io.poco.proto.v1.StakingParams;
import io.poco.proto.v1.SupplyRequest;
import io.poco.proto.v1.SupplyResponse;
import io.poco.proto.v1.TxBody;
import io.poco.proto.v1.ValidatorRequest;
import io.poco.proto.v1.ValidatorView;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * chain.md §4 on a real CometBFT network of 4 staked validators and 2 more nodes, with short
 * windows (downtime window 20 blocks, jail 3 s, unbonding 30 s): node4 joins the set by staking and
 * signs blocks; node3, stopped, is slashed 1 % and jailed for downtime, then unjails; node4 unbonds
 * fully, leaves the set and gets its stake back when the entry matures; node5 runs with node2's
 * consensus key, and the double sign that follows slashes node2 5 % and tombstones it. The chain
 * commits throughout, and every node agrees on every block and app hash.
 */
class StakingIT {

  private static final long RLC = 1_000_000_000L;
  private static final long STAKE = TestAccounts.VALIDATOR_STAKE;
  private static final Duration LONG = Duration.ofSeconds(180);

  @TempDir Path dir;

  private QueryServiceGrpc.QueryServiceBlockingStub query;
  private final java.util.Set<Long> audited = new java.util.TreeSet<>();

  @Test
  void joinDowntimeUnbondAndDoubleSignOnARealNetwork() throws Exception {
    LocalNetwork.Options options =
        LocalNetwork.Options.defaults().withChainId("staking-it").withTimeoutCommit("200ms");
    try (LocalNetwork net =
        LocalNetwork.create(
            dir.resolve("net"),
            options,
            2,
            genesis ->
                genesis
                    .poco(
                        PocoParamsKeeper.defaults().toBuilder()
                            .setReversalWindowSeconds(10)
                            .build())
                    .staking(
                        StakingParams.newBuilder()
                            .setUnbondingSeconds(30)
                            .setEvidenceMaxAgeSeconds(20)
                            .setMaxValidators(10)
                            .setMinSelfStake(RLC)
                            .setSignedBlocksWindow(20)
                            .setMinSignedPercent(50)
                            .setSlashDoubleSignBps(500)
                            .setSlashDowntimeBps(100)
                            .setDowntimeJailSeconds(3)
                            .setMaxUnbondingEntries(7)
                            .build()))) {
      // node5 will double-sign as node2: it keeps its own transactions to itself, so the blocks
      // it proposes differ from node2's.
      Path node5Config = net.node(5).home().cometConfig();
      Files.writeString(
          node5Config, Toml.set(Files.readString(node5Config), "mempool", "broadcast", "false"));
      for (int i = 0; i < 5; i++) {
        net.node(i).start();
      }
      ManagedChannel channel =
          ManagedChannelBuilder.forTarget(net.node(0).grpcTarget()).usePlaintext().build();
      try {
        query = QueryServiceGrpc.newBlockingStub(channel);
        net.awaitHeight(3, Duration.ofSeconds(120), 0, 1, 2, 3, 4);
        assertEquals(4, cometSet(net).size());

        // node4 joins by staking 5 000 RLC.
        String key4 = CometHomeInitializer.consensusPubkey(net.node(4).home());
        ByteString pubkey4 = ByteString.copyFrom(Base64.getDecoder().decode(key4));
        commit(
            net,
            query,
            4,
            Msg.newBuilder()
                .setCreateValidator(
                    MsgCreateValidator.newBuilder()
                        .setConsensusPubkey(pubkey4)
                        .setBridgeAddress(TestAccounts.validatorAddress(4).bytes())
                        .setMoniker("node4")
                        .setSelfStake(5_000 * RLC))
                .build());
        String address4 = consensusAddress(net, 4);
        await(() -> cometSet(net).containsKey(address4), "node4 in CometBFT's validator set");
        assertEquals(5_000L, cometSet(net).get(address4));
        assertEquals("active", status(view(query, 4)));
        await(() -> signedRecentBlock(net, address4), "node4 signing blocks");
        System.out.println("[staking] node4 joined and signs at height " + net.node(0).height());

        // node3 stopped: jailed and slashed 1 % for downtime, then unjailed.
        String address3 = consensusAddress(net, 3);
        net.node(3).stop();
        await(() -> view(query, 3).getValidator().getJailed(), "node3 jailed for downtime");
        ValidatorView jailed = view(query, 3);
        assertEquals(STAKE - STAKE / 100, jailed.getValidator().getBonded());
        assertFalse(jailed.getValidator().getTombstoned());
        await(() -> !cometSet(net).containsKey(address3), "node3 out of CometBFT's set");
        System.out.println("[staking] node3 jailed at height " + net.node(0).height());
        net.node(3).start();
        net.awaitHeight(net.node(0).height(), LONG, 3);
        long until = jailed.getValidator().getJailedUntil();
        await(() -> latestBlockTime(net) > until, "node3's jail time over");
        commit(net, query, 3, Msg.newBuilder().setUnjail(MsgUnjail.getDefaultInstance()).build());
        await(() -> cometSet(net).containsKey(address3), "node3 back in CometBFT's set");
        assertEquals((STAKE - STAKE / 100) / RLC, cometSet(net).get(address3));
        System.out.println("[staking] node3 unjailed at height " + net.node(0).height());

        // node4 unbonds everything: it leaves the set; the stake returns after 30 s.
        long before = balance(query, TestAccounts.validatorAddress(4));
        commit(
            net,
            query,
            4,
            Msg.newBuilder().setUnbond(MsgUnbond.newBuilder().setAmount(5_000 * RLC)).build());
        await(() -> !cometSet(net).containsKey(address4), "node4 out of CometBFT's set");
        ValidatorView unbonding = view(query, 4);
        assertEquals(0, unbonding.getValidator().getBonded());
        assertEquals(5_000 * RLC, unbonding.getUnbonding(0).getBalance());
        assertEquals(before, balance(query, TestAccounts.validatorAddress(4)));
        await(
            () -> balance(query, TestAccounts.validatorAddress(4)) == before + 5_000 * RLC,
            "node4's unbonded stake back after the unbonding period");
        System.out.println("[staking] node4 unbonded at height " + net.node(0).height());

        // node5 signs with node2's key: the double sign is punished.
        String address2 = consensusAddress(net, 2);
        Path key5 =
            net.node(5).home().cometHome().resolve("config").resolve("priv_validator_key.json");
        Files.copy(
            net.node(2).home().cometHome().resolve("config").resolve("priv_validator_key.json"),
            key5,
            StandardCopyOption.REPLACE_EXISTING);
        net.node(5).start();
        long[] nonce = {0};
        await(
            () -> {
              sendToItself(net, 5, nonce[0]++);
              return view(query, 2).getValidator().getTombstoned();
            },
            "node2 tombstoned for double signing");
        ValidatorView tombstoned = view(query, 2);
        assertTrue(tombstoned.getValidator().getJailed());
        assertEquals(STAKE - STAKE / 20, tombstoned.getValidator().getBonded());
        await(() -> !cometSet(net).containsKey(address2), "node2 out of CometBFT's set");
        long after = net.node(0).height();
        net.awaitHeight(after + 5, LONG, 0, 1, 3);
        System.out.println("[staking] node2 tombstoned; chain at " + net.node(0).height());
        net.node(5).stop();
        System.out.println("[staking] supply audited at " + audited.size() + " heights");
        assertTrue(audited.size() > 50, "too few heights audited: " + audited.size());
        LocalNetwork.Agreement agreement = net.checkAgreement();
        System.out.println(
            "[staking] "
                + agreement.nodes()
                + " nodes agree on "
                + agreement.heights()
                + " heights");
        for (int i = 0; i < 5; i++) {
          assertFalse(
              Files.readString(net.node(i).home().root().resolve("app.log"))
                  .contains("validator set mismatch"),
              "node" + i + " saw CometBFT's validators differ from its own view");
        }
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  /** CometBFT's latest validator set: address (upper-case hex) → voting power. */
  private static Map<String, Long> cometSet(LocalNetwork net) {
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    params.put("per_page", "100");
    try {
      JsonNode r = net.node(0).rpc().call("validators", params, Duration.ofSeconds(5));
      Map<String, Long> out = new TreeMap<>();
      for (JsonNode v : r.path("validators")) {
        out.put(v.path("address").asText(), v.path("voting_power").asLong());
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String consensusAddress(LocalNetwork net, int i) throws IOException {
    Path key = net.node(i).home().cometHome().resolve("config").resolve("priv_validator_key.json");
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(key.toFile())
        .path("address")
        .asText()
        .toUpperCase(Locale.ROOT);
  }

  private static boolean signedRecentBlock(LocalNetwork net, String address) {
    try {
      long h = net.node(0).height();
      JsonNode commit = net.node(0).rpc().block(h).path("block").path("last_commit");
      for (JsonNode s : commit.path("signatures")) {
        if (s.path("validator_address").asText().equalsIgnoreCase(address)
            && s.path("block_id_flag").asInt() == 2) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private static long latestBlockTime(LocalNetwork net) {
    try {
      String t = net.node(0).rpc().status().path("sync_info").path("latest_block_time").asText();
      return java.time.Instant.parse(t).getEpochSecond();
    } catch (IOException e) {
      return 0;
    }
  }

  private static ValidatorView view(QueryServiceGrpc.QueryServiceBlockingStub query, int i) {
    return query
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .validator(
            ValidatorRequest.newBuilder()
                .setOperator(TestAccounts.validatorAddress(i).bytes())
                .build())
        .getValidator();
  }

  private static String status(ValidatorView v) {
    if (v.getValidator().getTombstoned()) {
      return "tombstoned";
    }
    if (v.getValidator().getJailed()) {
      return "jailed";
    }
    return v.getActive() ? "active" : "inactive";
  }

  private static long balance(QueryServiceGrpc.QueryServiceBlockingStub query, Address a) {
    return query
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .account(AccountRequest.newBuilder().setAddress(a.bytes()).build())
        .getAccount()
        .getBalance();
  }

  /** Signs {@code msg} with validator {@code i}'s operator key and waits for it in a block. */
  private static void commit(
      LocalNetwork net, QueryServiceGrpc.QueryServiceBlockingStub query, int i, Msg msg)
      throws IOException {
    Address sender = TestAccounts.validatorAddress(i);
    long nonce =
        query
            .withDeadlineAfter(5, TimeUnit.SECONDS)
            .account(AccountRequest.newBuilder().setAddress(sender.bytes()).build())
            .getAccount()
            .getNonce();
    byte[] tx = sign(net, TestAccounts.validatorKey(i), sender, nonce, msg);
    JsonNode r = net.node(0).rpc().broadcastTxCommit(tx);
    assertEquals(0, r.path("check_tx").path("code").asInt(), r.toString());
    assertEquals(0, r.path("tx_result").path("code").asInt(), r.toString());
  }

  /** A transfer only node {@code i} knows of (its mempool does not gossip). */
  private static void sendToItself(LocalNetwork net, int i, long nonce) {
    Address self = TestAccounts.address(63);
    Msg send =
        Msg.newBuilder().setSend(MsgSend.newBuilder().setTo(self.bytes()).setAmount(1)).build();
    try {
      net.node(i).rpc().broadcastTxSync(sign(net, TestAccounts.key(63), self, nonce, send));
    } catch (IOException | RuntimeException ignored) {
      // node5 may still be starting; the next round retries
    }
  }

  private static byte[] sign(
      LocalNetwork net, BigInteger key, Address sender, long nonce, Msg msg) {
    TxBody body =
        TxBody.newBuilder()
            .setChainId(net.options().chainId())
            .setNonce(nonce)
            .setSender(sender.bytes())
            .addMessages(msg)
            .build();
    return TxSigning.sign(body, key).toByteArray();
  }

  /**
   * Polls {@code condition} until it holds, checking the supply audit of the latest height at every
   * round (so at most heights of the run).
   */
  private void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + LONG.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        SupplyResponse supply =
            query.withDeadlineAfter(5, TimeUnit.SECONDS).supply(SupplyRequest.getDefaultInstance());
        assertEquals("", supply.getAudit(), "supply audit at height " + supply.getHeight());
        audited.add(supply.getHeight());
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException notYet) {
        last = notYet; // a node restarting: try again
      }
      Thread.sleep(250);
    }
    throw new AssertionError("timed out waiting for " + what, last);
  }
}
