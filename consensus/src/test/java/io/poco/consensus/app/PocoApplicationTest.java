package io.poco.consensus.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxSigning;
import io.poco.proto.abci.CheckTxType;
import io.poco.proto.abci.RequestCheckTx;
import io.poco.proto.abci.RequestCommit;
import io.poco.proto.abci.RequestFinalizeBlock;
import io.poco.proto.abci.RequestInfo;
import io.poco.proto.abci.RequestInitChain;
import io.poco.proto.abci.RequestProcessProposal;
import io.poco.proto.abci.RequestQuery;
import io.poco.proto.abci.ResponseCheckTx;
import io.poco.proto.abci.ResponseFinalizeBlock;
import io.poco.proto.abci.ResponseInfo;
import io.poco.proto.abci.ResponseProcessProposal;
import io.poco.proto.v1.Account;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgSend;
import io.poco.proto.v1.TxBody;
import io.poco.state.InMemoryVersionedStore;
import io.poco.state.RocksDbVersionedStore;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application driven as CometBFT drives it, on a real RocksDB store. */
class PocoApplicationTest {

  private static final String CHAIN = "app-test";
  private static final BigInteger KEY = BigInteger.valueOf(31337);
  private static final Address ALICE = Secp256k1.address(KEY);
  private static final Address BOB = Secp256k1.address(BigInteger.valueOf(31338));

  @TempDir Path dir;

  private static RequestInitChain genesis() {
    String appState =
        "{\"accounts\":[{\"address\":\"" + ALICE.toHex() + "\",\"balance\":\"1000\"}]}";
    return RequestInitChain.newBuilder()
        .setChainId(CHAIN)
        .setInitialHeight(1)
        .setAppStateBytes(ByteString.copyFromUtf8(appState))
        .build();
  }

  private static ByteString transfer(long nonce, long amount) {
    TxBody body =
        TxBody.newBuilder()
            .setChainId(CHAIN)
            .setNonce(nonce)
            .setSender(ALICE.bytes())
            .addMessages(
                Msg.newBuilder().setSend(MsgSend.newBuilder().setTo(BOB.bytes()).setAmount(amount)))
            .build();
    return TxSigning.sign(body, KEY).toByteString();
  }

  private static ResponseFinalizeBlock block(PocoApplication app, long height, ByteString... txs) {
    ResponseFinalizeBlock r =
        app.finalizeBlock(
            RequestFinalizeBlock.newBuilder()
                .setHeight(height)
                .setTime(Timestamp.newBuilder().setSeconds(1_700_000_000L + height))
                .addAllTxs(List.of(txs))
                .build());
    app.commit(RequestCommit.getDefaultInstance());
    return r;
  }

  @Test
  void mempoolQueuesNoncesAndRecheckEvictsStaleTransactions() {
    try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, 0, 0)) {
      PocoApplication app = new PocoApplication(CHAIN, store);
      app.initChain(genesis());
      block(app, 1);
      for (long nonce = 0; nonce < 3; nonce++) {
        assertEquals(
            0,
            app.checkTx(RequestCheckTx.newBuilder().setTx(transfer(nonce, 10)).build()).getCode());
      }
      assertEquals(
          TxCode.NONCE_TOO_HIGH.code(),
          app.checkTx(RequestCheckTx.newBuilder().setTx(transfer(5, 10)).build()).getCode());
      assertEquals(
          TxCode.NONCE_TOO_LOW.code(), app.simulate(transfer(0, 10)).outcome().code().code());
      block(app, 2, transfer(0, 10), transfer(1, 10));
      // after the commit, nonce 1 was used: its recheck evicts it; nonce 2 stays valid
      assertEquals(
          TxCode.NONCE_TOO_LOW.code(),
          app.checkTx(
                  RequestCheckTx.newBuilder()
                      .setTx(transfer(1, 10))
                      .setType(CheckTxType.RECHECK)
                      .build())
              .getCode());
      assertEquals(
          0,
          app.checkTx(
                  RequestCheckTx.newBuilder()
                      .setTx(transfer(2, 10))
                      .setType(CheckTxType.RECHECK)
                      .build())
              .getCode());
    }
  }

  /**
   * CheckTx runs the stateless checks, the nonce and the fee but not the messages (chain.md §3): an
   * overdraft is admitted, Simulate says it would fail, and in its block it fails, using its nonce.
   */
  @Test
  void checkTxLeavesTheMessagesToTheBlockAndSimulateRunsThem() {
    PocoApplication app = new PocoApplication(CHAIN, new InMemoryVersionedStore());
    app.initChain(genesis());
    block(app, 1);
    ResponseCheckTx zero = app.checkTx(RequestCheckTx.newBuilder().setTx(transfer(0, 0)).build());
    assertEquals(TxCode.INVALID_AMOUNT.code(), zero.getCode());
    assertEquals("message 0: send: amount must be positive", zero.getLog());

    ByteString overdraft = transfer(0, 5000);
    assertEquals(TxCode.INSUFFICIENT_FUNDS, app.simulate(overdraft).outcome().code());
    assertEquals(0, app.checkTx(RequestCheckTx.newBuilder().setTx(overdraft).build()).getCode());
    ResponseFinalizeBlock executed = block(app, 2, overdraft);
    assertEquals(TxCode.INSUFFICIENT_FUNDS.code(), executed.getTxResults(0).getCode());
    var alice =
        parseAccount(
            app.query(RequestQuery.newBuilder().setPath("/account").setData(ALICE.bytes()).build())
                .getValue());
    assertEquals(1000, alice.getBalance());
    assertEquals(1, alice.getNonce());
  }

  @Test
  void processProposalRejectsUndecodableTransactionsOnly() {
    try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, 0, 0)) {
      PocoApplication app = new PocoApplication(CHAIN, store);
      ResponseProcessProposal ok =
          app.processProposal(RequestProcessProposal.newBuilder().addTxs(transfer(7, 1)).build());
      assertEquals(ResponseProcessProposal.ProposalStatus.ACCEPT, ok.getStatus());
      ResponseProcessProposal bad =
          app.processProposal(
              RequestProcessProposal.newBuilder()
                  .addTxs(transfer(0, 1))
                  .addTxs(ByteString.copyFrom(new byte[] {(byte) 0xff, 0x00}))
                  .build());
      assertEquals(ResponseProcessProposal.ProposalStatus.REJECT, bad.getStatus());
    }
  }

  @Test
  void infoReportsExactlyWhatWasCommittedAcrossRestarts() throws Exception {
    ByteString appHash;
    try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, 0, 0)) {
      PocoApplication app = new PocoApplication(CHAIN, store);
      ByteString genesisHash = app.initChain(genesis()).getAppHash();
      ResponseFinalizeBlock b1 = block(app, 1, transfer(0, 100));
      assertNotEquals(genesisHash, b1.getAppHash());
      assertEquals(0, b1.getTxResults(0).getCode());
      appHash = b1.getAppHash();
      // a block finalized but never committed (crash before Commit) leaves no trace
      app.finalizeBlock(
          RequestFinalizeBlock.newBuilder().setHeight(2).addTxs(transfer(1, 100)).build());
    }
    try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, 0, 0)) {
      PocoApplication app = new PocoApplication(CHAIN, store);
      ResponseInfo info = app.info(RequestInfo.getDefaultInstance());
      assertEquals(1, info.getLastBlockHeight());
      assertEquals(appHash, info.getLastBlockAppHash());
      var bob =
          app.query(RequestQuery.newBuilder().setPath("/account").setData(BOB.bytes()).build());
      assertEquals(100, Account.parseFrom(bob.getValue()).getBalance());
      assertEquals(1, bob.getHeight());
      // replaying block 2 after the restart gives the same result
      assertEquals(0, block(app, 2, transfer(1, 100)).getTxResults(0).getCode());
      assertThrows(IllegalStateException.class, () -> app.initChain(genesis()));
      assertEquals(
          QueryRouter.CODE_UNKNOWN_PATH,
          app.query(RequestQuery.newBuilder().setPath("/nope").build()).getCode());
    }
  }

  /**
   * CometBFT killed between FinalizeBlock and Commit while the application keeps running: on
   * restart it sends the same FinalizeBlock again, which must give the same results and app hash
   * (the first block also carries the genesis writes).
   */
  @Test
  void aFinalizeBlockRepeatedBeforeCommitGivesTheSameResults() {
    PocoApplication app = new PocoApplication(CHAIN, new InMemoryVersionedStore());
    app.initChain(genesis());
    for (long height = 1; height <= 2; height++) {
      RequestFinalizeBlock request =
          RequestFinalizeBlock.newBuilder()
              .setHeight(height)
              .setTime(Timestamp.newBuilder().setSeconds(1_700_000_000L + height))
              .addTxs(transfer(height - 1, 100))
              .build();
      ResponseFinalizeBlock first = app.finalizeBlock(request);
      ResponseFinalizeBlock again = app.finalizeBlock(request);
      assertEquals(0, first.getTxResults(0).getCode(), first.getTxResults(0).getLog());
      assertEquals(first, again);
      app.commit(RequestCommit.getDefaultInstance());
    }
    var bob = app.query(RequestQuery.newBuilder().setPath("/account").setData(BOB.bytes()).build());
    assertEquals(200, parseAccount(bob.getValue()).getBalance());
  }

  private static Account parseAccount(ByteString bytes) {
    try {
      return Account.parseFrom(bytes);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aBadGenesisIsRefusedWithItsReason() {
    try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, 0, 0)) {
      PocoApplication app = new PocoApplication(CHAIN, store);
      RequestInitChain bad =
          genesis().toBuilder()
              .setAppStateBytes(ByteString.copyFromUtf8("{\"accounts\":[{\"address\":\"0x12\"}]}"))
              .build();
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> app.initChain(bad));
      assertEquals(true, e.getMessage().contains("40 hex digits"));
    }
  }

  /**
   * Staking through ABCI: InitChain returns the staked genesis validator with its Ed25519 key and
   * power; a create-validator transaction comes back as a validator update; CometBFT's misbehaviour
   * report tombstones the offender and removes it (power 0).
   */
  @Test
  void validatorsGoToAndComeFromCometBftMessages() throws Exception {
    byte[] key0 = new byte[32];
    byte[] key1 = new byte[32];
    key1[0] = 1;
    String appState =
        "{\"accounts\":[{\"address\":\""
            + ALICE.toHex()
            + "\",\"balance\":\"50000000000\"}],"
            + "\"validators\":[{\"operator\":\""
            + BOB.toHex()
            + "\",\"consensus_pubkey\":\""
            + java.util.Base64.getEncoder().encodeToString(key0)
            + "\",\"bridge_address\":\""
            + BOB.toHex()
            + "\",\"moniker\":\"bob\",\"stake\":\"7000000000\"}]}";
    PocoApplication app = new PocoApplication(CHAIN, new InMemoryVersionedStore());
    var init =
        app.initChain(
            genesis().toBuilder().setAppStateBytes(ByteString.copyFromUtf8(appState)).build());
    assertEquals(1, init.getValidatorsCount());
    assertEquals(ByteString.copyFrom(key0), init.getValidators(0).getPubKey().getEd25519());
    assertEquals(7, init.getValidators(0).getPower());

    TxBody create =
        TxBody.newBuilder()
            .setChainId(CHAIN)
            .setNonce(0)
            .setSender(ALICE.bytes())
            .addMessages(
                Msg.newBuilder()
                    .setCreateValidator(
                        io.poco.proto.v1.MsgCreateValidator.newBuilder()
                            .setConsensusPubkey(ByteString.copyFrom(key1))
                            .setBridgeAddress(ALICE.bytes())
                            .setMoniker("alice")
                            .setSelfStake(20_000_000_000L)))
            .build();
    ResponseFinalizeBlock b1 = block(app, 1, TxSigning.sign(create, KEY).toByteString());
    assertEquals(0, b1.getTxResults(0).getCode(), b1.getTxResults(0).getLog());
    assertEquals(1, b1.getValidatorUpdatesCount());
    assertEquals(ByteString.copyFrom(key1), b1.getValidatorUpdates(0).getPubKey().getEd25519());
    assertEquals(20, b1.getValidatorUpdates(0).getPower());

    ByteString bobAddress = io.poco.core.staking.ConsensusKeys.address(ByteString.copyFrom(key0));
    ResponseFinalizeBlock b2 =
        app.finalizeBlock(
            RequestFinalizeBlock.newBuilder()
                .setHeight(2)
                .setTime(Timestamp.newBuilder().setSeconds(1_700_000_002L))
                .addMisbehavior(
                    io.poco.proto.abci.Misbehavior.newBuilder()
                        .setType(io.poco.proto.abci.MisbehaviorType.DUPLICATE_VOTE)
                        .setValidator(
                            io.poco.proto.abci.Validator.newBuilder()
                                .setAddress(bobAddress)
                                .setPower(7))
                        .setHeight(1))
                .build());
    app.commit(RequestCommit.getDefaultInstance());
    assertEquals(1, b2.getValidatorUpdatesCount());
    assertEquals(ByteString.copyFrom(key0), b2.getValidatorUpdates(0).getPubKey().getEd25519());
    assertEquals(0, b2.getValidatorUpdates(0).getPower());
    assertEquals(
        true,
        b2.getEventsList().stream()
            .anyMatch(
                e ->
                    e.getType().equals("slash")
                        && e.getAttributesList().stream()
                            .anyMatch(a -> a.getValue().equals("duplicate_vote"))));
  }
}
