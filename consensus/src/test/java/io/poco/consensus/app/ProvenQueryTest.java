package io.poco.consensus.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.tx.TxSigning;
import io.poco.proto.abci.RequestCommit;
import io.poco.proto.abci.RequestFinalizeBlock;
import io.poco.proto.abci.RequestInitChain;
import io.poco.proto.abci.RequestQuery;
import io.poco.proto.abci.ResponseCommit;
import io.poco.proto.abci.ResponseFinalizeBlock;
import io.poco.proto.abci.ResponseQuery;
import io.poco.proto.crypto.ProofOp;
import io.poco.proto.v1.Account;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgSend;
import io.poco.proto.v1.TxBody;
import io.poco.state.RocksDbVersionedStore;
import io.poco.state.proof.ProofVerifier;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Query with prove answers a proof against the app hash of the height; Commit's retain_height. */
class ProvenQueryTest {

  private static final String CHAIN = "proof-test";
  private static final BigInteger KEY = BigInteger.valueOf(777);
  private static final Address ALICE = Secp256k1.address(KEY);
  private static final Address BOB = Secp256k1.address(BigInteger.valueOf(778));
  private static final Address NOBODY = Secp256k1.address(BigInteger.valueOf(779));

  @TempDir Path dir;

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

  private static ResponseCommit block(PocoApplication app, long height, ByteString... txs) {
    ResponseFinalizeBlock r =
        app.finalizeBlock(
            RequestFinalizeBlock.newBuilder()
                .setHeight(height)
                .setTime(Timestamp.newBuilder().setSeconds(1_700_000_000L + height))
                .addAllTxs(java.util.List.of(txs))
                .build());
    assertFalse(r.getAppHash().isEmpty());
    return app.commit(RequestCommit.getDefaultInstance());
  }

  private static ResponseQuery prove(PocoApplication app, Address who, long height) {
    return app.query(
        RequestQuery.newBuilder()
            .setPath("/account")
            .setData(who.bytes())
            .setHeight(height)
            .setProve(true)
            .build());
  }

  @Test
  void provenAnswersVerifyAgainstTheAppHashOfTheirHeight() throws Exception {
    try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, 3, 0)) {
      PocoApplication app = new PocoApplication(CHAIN, store);
      app.initChain(
          RequestInitChain.newBuilder()
              .setChainId(CHAIN)
              .setInitialHeight(1)
              .setAppStateBytes(
                  ByteString.copyFromUtf8(
                      "{\"accounts\":[{\"address\":\""
                          + ALICE.toHex()
                          + "\",\"balance\":\"1000\"}]}"))
              .build());
      assertEquals(0, block(app, 1).getRetainHeight());
      ByteString hash1 = store.root(1).orElseThrow();
      block(app, 2, transfer(0, 10));
      ByteString hash2 = store.root(2).orElseThrow();
      block(app, 3);
      // a validator keeps every block unless told to prune them with the state
      assertEquals(0, block(app, 4).getRetainHeight());
      app.pruneBlocks(true);
      // keep_recent 3: after height 5, CometBFT may drop blocks below 3
      assertEquals(3, block(app, 5).getRetainHeight());

      // bob at height 2 (still retained? no: keep_recent 3 keeps 3..5) is refused with code 3
      assertEquals(QueryRouter.CODE_HEIGHT_UNAVAILABLE, prove(app, BOB, 2).getCode());

      ResponseQuery bob = prove(app, BOB, 0);
      assertEquals(0, bob.getCode(), bob.getLog());
      assertEquals(5, bob.getHeight());
      assertEquals(10, Account.parseFrom(bob.getValue()).getBalance());
      ProofOp op = bob.getProofOps().getOps(0);
      assertEquals(QueryRouter.PROOF_OP_TYPE, op.getType());
      byte[] appHash5 = store.root(5).orElseThrow().toByteArray();
      assertTrue(
          ProofVerifier.verifyMembership(
              appHash5,
              op.getKey().toByteArray(),
              bob.getValue().toByteArray(),
              op.getData().toByteArray()));
      // empty blocks 3..5 changed nothing: the same proof holds for height 2, not for height 1
      assertEquals(hash2, store.root(5).orElseThrow());
      assertFalse(
          ProofVerifier.verifyMembership(
              hash1.toByteArray(),
              op.getKey().toByteArray(),
              bob.getValue().toByteArray(),
              op.getData().toByteArray()));
      assertFalse(hash1.equals(hash2));

      ResponseQuery nobody = prove(app, NOBODY, 4);
      assertEquals(0, nobody.getCode(), nobody.getLog());
      assertTrue(nobody.getValue().isEmpty());
      ProofOp absent = nobody.getProofOps().getOps(0);
      assertTrue(
          ProofVerifier.verifyAbsence(
              store.root(4).orElseThrow().toByteArray(),
              absent.getKey().toByteArray(),
              absent.getData().toByteArray()));
    }
  }
}
