package io.poco.consensus.abci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.poco.proto.abci.*;
import io.poco.proto.crypto.ProofOp;
import io.poco.proto.crypto.ProofOps;
import io.poco.proto.crypto.PublicKey;
import io.poco.proto.types.BlockIDFlag;
import io.poco.proto.types.ConsensusParams;
import io.poco.proto.types.EvidenceParams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every request and response type survives the socket framing, and a few encodings are checked
 * against bytes computed by hand from CometBFT v0.38.25's field numbers.
 */
class WireFormatTest {

  private static final ByteString B = ByteString.copyFromUtf8("bytes");
  private static final Timestamp T =
      Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(5).build();
  private static final Validator V = Validator.newBuilder().setAddress(B).setPower(10).build();
  private static final Misbehavior M =
      Misbehavior.newBuilder()
          .setType(MisbehaviorType.DUPLICATE_VOTE)
          .setValidator(V)
          .setHeight(3)
          .setTime(T)
          .setTotalVotingPower(40)
          .build();
  private static final CommitInfo CI =
      CommitInfo.newBuilder()
          .setRound(1)
          .addVotes(
              VoteInfo.newBuilder()
                  .setValidator(V)
                  .setBlockIdFlag(BlockIDFlag.BLOCK_ID_FLAG_COMMIT))
          .build();
  private static final Event E =
      Event.newBuilder()
          .setType("transfer")
          .addAttributes(EventAttribute.newBuilder().setKey("k").setValue("v").setIndex(true))
          .build();
  private static final ValidatorUpdate VU =
      ValidatorUpdate.newBuilder()
          .setPubKey(PublicKey.newBuilder().setEd25519(B))
          .setPower(7)
          .build();
  private static final ConsensusParams CP =
      ConsensusParams.newBuilder()
          .setEvidence(EvidenceParams.newBuilder().setMaxAgeNumBlocks(9))
          .build();
  private static final Snapshot S =
      Snapshot.newBuilder()
          .setHeight(10)
          .setFormat(1)
          .setChunks(2)
          .setHash(B)
          .setMetadata(B)
          .build();

  static List<Request> everyRequest() {
    return List.of(
        Request.newBuilder().setEcho(RequestEcho.newBuilder().setMessage("hi")).build(),
        Request.newBuilder().setFlush(RequestFlush.getDefaultInstance()).build(),
        Request.newBuilder()
            .setInfo(
                RequestInfo.newBuilder()
                    .setVersion("0.38.25")
                    .setBlockVersion(11)
                    .setP2PVersion(8)
                    .setAbciVersion("2.0.0"))
            .build(),
        Request.newBuilder()
            .setInitChain(
                RequestInitChain.newBuilder()
                    .setTime(T)
                    .setChainId("c")
                    .setConsensusParams(CP)
                    .addValidators(VU)
                    .setAppStateBytes(B)
                    .setInitialHeight(1))
            .build(),
        Request.newBuilder()
            .setQuery(
                RequestQuery.newBuilder()
                    .setData(B)
                    .setPath("/account")
                    .setHeight(4)
                    .setProve(true))
            .build(),
        Request.newBuilder()
            .setCheckTx(RequestCheckTx.newBuilder().setTx(B).setType(CheckTxType.RECHECK))
            .build(),
        Request.newBuilder().setCommit(RequestCommit.getDefaultInstance()).build(),
        Request.newBuilder().setListSnapshots(RequestListSnapshots.getDefaultInstance()).build(),
        Request.newBuilder()
            .setOfferSnapshot(RequestOfferSnapshot.newBuilder().setSnapshot(S).setAppHash(B))
            .build(),
        Request.newBuilder()
            .setLoadSnapshotChunk(
                RequestLoadSnapshotChunk.newBuilder().setHeight(10).setFormat(1).setChunk(2))
            .build(),
        Request.newBuilder()
            .setApplySnapshotChunk(
                RequestApplySnapshotChunk.newBuilder().setIndex(1).setChunk(B).setSender("peer"))
            .build(),
        Request.newBuilder()
            .setPrepareProposal(
                RequestPrepareProposal.newBuilder()
                    .setMaxTxBytes(1000)
                    .addTxs(B)
                    .setLocalLastCommit(
                        ExtendedCommitInfo.newBuilder()
                            .setRound(1)
                            .addVotes(
                                ExtendedVoteInfo.newBuilder()
                                    .setValidator(V)
                                    .setVoteExtension(B)
                                    .setExtensionSignature(B)
                                    .setBlockIdFlag(BlockIDFlag.BLOCK_ID_FLAG_COMMIT)))
                    .addMisbehavior(M)
                    .setHeight(5)
                    .setTime(T)
                    .setNextValidatorsHash(B)
                    .setProposerAddress(B))
            .build(),
        Request.newBuilder()
            .setProcessProposal(
                RequestProcessProposal.newBuilder()
                    .addTxs(B)
                    .setProposedLastCommit(CI)
                    .addMisbehavior(M)
                    .setHash(B)
                    .setHeight(5)
                    .setTime(T)
                    .setNextValidatorsHash(B)
                    .setProposerAddress(B))
            .build(),
        Request.newBuilder()
            .setExtendVote(
                RequestExtendVote.newBuilder()
                    .setHash(B)
                    .setHeight(5)
                    .setTime(T)
                    .addTxs(B)
                    .setProposedLastCommit(CI)
                    .addMisbehavior(M)
                    .setNextValidatorsHash(B)
                    .setProposerAddress(B))
            .build(),
        Request.newBuilder()
            .setVerifyVoteExtension(
                RequestVerifyVoteExtension.newBuilder()
                    .setHash(B)
                    .setValidatorAddress(B)
                    .setHeight(5)
                    .setVoteExtension(B))
            .build(),
        Request.newBuilder()
            .setFinalizeBlock(
                RequestFinalizeBlock.newBuilder()
                    .addTxs(B)
                    .setDecidedLastCommit(CI)
                    .addMisbehavior(M)
                    .setHash(B)
                    .setHeight(5)
                    .setTime(T)
                    .setNextValidatorsHash(B)
                    .setProposerAddress(B))
            .build());
  }

  static List<Response> everyResponse() {
    return List.of(
        Response.newBuilder().setException(ResponseException.newBuilder().setError("boom")).build(),
        Response.newBuilder().setEcho(ResponseEcho.newBuilder().setMessage("hi")).build(),
        Response.newBuilder().setFlush(ResponseFlush.getDefaultInstance()).build(),
        Response.newBuilder()
            .setInfo(
                ResponseInfo.newBuilder()
                    .setData("poco")
                    .setVersion("0.1.0")
                    .setAppVersion(1)
                    .setLastBlockHeight(9)
                    .setLastBlockAppHash(B))
            .build(),
        Response.newBuilder()
            .setInitChain(
                ResponseInitChain.newBuilder()
                    .setConsensusParams(CP)
                    .addValidators(VU)
                    .setAppHash(B))
            .build(),
        Response.newBuilder()
            .setQuery(
                ResponseQuery.newBuilder()
                    .setCode(1)
                    .setLog("l")
                    .setInfo("i")
                    .setIndex(2)
                    .setKey(B)
                    .setValue(B)
                    .setProofOps(
                        ProofOps.newBuilder()
                            .addOps(ProofOp.newBuilder().setType("t").setKey(B).setData(B)))
                    .setHeight(3)
                    .setCodespace("query"))
            .build(),
        Response.newBuilder()
            .setCheckTx(
                ResponseCheckTx.newBuilder()
                    .setCode(5)
                    .setData(B)
                    .setLog("l")
                    .setInfo("i")
                    .setGasWanted(1)
                    .setGasUsed(1)
                    .addEvents(E)
                    .setCodespace("poco"))
            .build(),
        Response.newBuilder().setCommit(ResponseCommit.newBuilder().setRetainHeight(3)).build(),
        Response.newBuilder()
            .setListSnapshots(ResponseListSnapshots.newBuilder().addSnapshots(S))
            .build(),
        Response.newBuilder()
            .setOfferSnapshot(
                ResponseOfferSnapshot.newBuilder().setResult(ResponseOfferSnapshot.Result.ACCEPT))
            .build(),
        Response.newBuilder()
            .setLoadSnapshotChunk(ResponseLoadSnapshotChunk.newBuilder().setChunk(B))
            .build(),
        Response.newBuilder()
            .setApplySnapshotChunk(
                ResponseApplySnapshotChunk.newBuilder()
                    .setResult(ResponseApplySnapshotChunk.Result.RETRY)
                    .addRefetchChunks(1)
                    .addRejectSenders("peer"))
            .build(),
        Response.newBuilder()
            .setPrepareProposal(ResponsePrepareProposal.newBuilder().addTxs(B))
            .build(),
        Response.newBuilder()
            .setProcessProposal(
                ResponseProcessProposal.newBuilder()
                    .setStatus(ResponseProcessProposal.ProposalStatus.REJECT))
            .build(),
        Response.newBuilder()
            .setExtendVote(ResponseExtendVote.newBuilder().setVoteExtension(B))
            .build(),
        Response.newBuilder()
            .setVerifyVoteExtension(
                ResponseVerifyVoteExtension.newBuilder()
                    .setStatus(ResponseVerifyVoteExtension.VerifyStatus.REJECT))
            .build(),
        Response.newBuilder()
            .setFinalizeBlock(
                ResponseFinalizeBlock.newBuilder()
                    .addEvents(E)
                    .addTxResults(
                        ExecTxResult.newBuilder()
                            .setCode(0)
                            .setLog("ok")
                            .addEvents(E)
                            .setCodespace("poco"))
                    .addValidatorUpdates(VU)
                    .setConsensusParamUpdates(CP)
                    .setAppHash(B))
            .build());
  }

  @Test
  void everyRequestTypeRoundTripsThroughTheFraming() throws IOException {
    List<Request> all = everyRequest();
    assertEquals(Request.ValueCase.values().length - 1, all.size(), "one of each request type");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Request r : all) {
      r.writeDelimitedTo(out);
    }
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
    for (Request r : all) {
      assertEquals(r, Request.parseDelimitedFrom(in));
    }
  }

  @Test
  void everyResponseTypeRoundTripsThroughTheFraming() throws IOException {
    List<Response> all = everyResponse();
    assertEquals(Response.ValueCase.values().length - 1, all.size(), "one of each response type");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Response r : all) {
      r.writeDelimitedTo(out);
    }
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
    for (Response r : all) {
      assertEquals(r, Response.parseDelimitedFrom(in));
    }
  }

  @Test
  void fieldNumbersMatchCometBft() throws IOException {
    // Request.finalize_block = 20 (tag 0xa2 0x01, length 2), RequestFinalizeBlock.height = 5 (tag
    // 0x28)
    assertEquals(
        "a201022805",
        hex(
            Request.newBuilder()
                .setFinalizeBlock(RequestFinalizeBlock.newBuilder().setHeight(5))
                .build()));
    // Response.finalize_block = 21 (0xaa 0x01), ResponseFinalizeBlock.app_hash = 5 (0x2a)
    assertEquals(
        "aa0103" + "2a01ff",
        hex(
            Response.newBuilder()
                .setFinalizeBlock(
                    ResponseFinalizeBlock.newBuilder()
                        .setAppHash(ByteString.copyFrom(new byte[] {-1})))
                .build()));
    // Response.commit = 12 (0x62), ResponseCommit.retain_height = 3 (0x18)
    assertEquals(
        "62021807",
        hex(
            Response.newBuilder()
                .setCommit(ResponseCommit.newBuilder().setRetainHeight(7))
                .build()));
    // Request.check_tx = 8 (0x42), tx = 1 (0x0a), type = 2 (0x10)
    assertEquals(
        "4205" + "0a01aa" + "1001",
        hex(
            Request.newBuilder()
                .setCheckTx(
                    RequestCheckTx.newBuilder()
                        .setTx(ByteString.copyFrom(new byte[] {(byte) 0xaa}))
                        .setType(CheckTxType.RECHECK))
                .build()));
    // Response.info = 4 (0x22), last_block_height = 4 (0x20)
    assertEquals(
        "22022009",
        hex(
            Response.newBuilder()
                .setInfo(ResponseInfo.newBuilder().setLastBlockHeight(9))
                .build()));
    // VoteInfo.block_id_flag = 3 (0x18)
    assertEquals(
        "1802",
        hex(VoteInfo.newBuilder().setBlockIdFlag(BlockIDFlag.BLOCK_ID_FLAG_COMMIT).build()));
    // Framing: an unsigned varint length prefix (0x05 for five bytes)
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Request.newBuilder()
        .setFinalizeBlock(RequestFinalizeBlock.newBuilder().setHeight(5))
        .build()
        .writeDelimitedTo(out);
    assertEquals("05a201022805", HexFormat.of().formatHex(out.toByteArray()));
  }

  private static String hex(com.google.protobuf.MessageLite m) {
    return HexFormat.of().formatHex(m.toByteArray());
  }
}
