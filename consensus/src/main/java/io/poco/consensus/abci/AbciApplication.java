package io.poco.consensus.abci;

import io.poco.proto.abci.RequestApplySnapshotChunk;
import io.poco.proto.abci.RequestCheckTx;
import io.poco.proto.abci.RequestCommit;
import io.poco.proto.abci.RequestExtendVote;
import io.poco.proto.abci.RequestFinalizeBlock;
import io.poco.proto.abci.RequestInfo;
import io.poco.proto.abci.RequestInitChain;
import io.poco.proto.abci.RequestListSnapshots;
import io.poco.proto.abci.RequestLoadSnapshotChunk;
import io.poco.proto.abci.RequestOfferSnapshot;
import io.poco.proto.abci.RequestPrepareProposal;
import io.poco.proto.abci.RequestProcessProposal;
import io.poco.proto.abci.RequestQuery;
import io.poco.proto.abci.RequestVerifyVoteExtension;
import io.poco.proto.abci.ResponseApplySnapshotChunk;
import io.poco.proto.abci.ResponseCheckTx;
import io.poco.proto.abci.ResponseCommit;
import io.poco.proto.abci.ResponseExtendVote;
import io.poco.proto.abci.ResponseFinalizeBlock;
import io.poco.proto.abci.ResponseInfo;
import io.poco.proto.abci.ResponseInitChain;
import io.poco.proto.abci.ResponseListSnapshots;
import io.poco.proto.abci.ResponseLoadSnapshotChunk;
import io.poco.proto.abci.ResponseOfferSnapshot;
import io.poco.proto.abci.ResponsePrepareProposal;
import io.poco.proto.abci.ResponseProcessProposal;
import io.poco.proto.abci.ResponseQuery;
import io.poco.proto.abci.ResponseVerifyVoteExtension;

/**
 * An ABCI 2.0 application: one method per request (Echo and Flush are the server's). Defaults
 * answer as an application that serves nothing would, so an implementation overrides what it
 * serves. A thrown exception becomes a {@code ResponseException}, on which CometBFT halts.
 */
public interface AbciApplication {

  default ResponseInfo info(RequestInfo request) {
    return ResponseInfo.getDefaultInstance();
  }

  default ResponseInitChain initChain(RequestInitChain request) {
    return ResponseInitChain.getDefaultInstance();
  }

  default ResponseQuery query(RequestQuery request) {
    return ResponseQuery.newBuilder().setCode(1).setLog("queries are not served").build();
  }

  default ResponseCheckTx checkTx(RequestCheckTx request) {
    return ResponseCheckTx.getDefaultInstance();
  }

  default ResponseCommit commit(RequestCommit request) {
    return ResponseCommit.getDefaultInstance();
  }

  default ResponseListSnapshots listSnapshots(RequestListSnapshots request) {
    return ResponseListSnapshots.getDefaultInstance();
  }

  default ResponseOfferSnapshot offerSnapshot(RequestOfferSnapshot request) {
    return ResponseOfferSnapshot.newBuilder()
        .setResult(ResponseOfferSnapshot.Result.REJECT)
        .build();
  }

  default ResponseLoadSnapshotChunk loadSnapshotChunk(RequestLoadSnapshotChunk request) {
    return ResponseLoadSnapshotChunk.getDefaultInstance();
  }

  default ResponseApplySnapshotChunk applySnapshotChunk(RequestApplySnapshotChunk request) {
    return ResponseApplySnapshotChunk.newBuilder()
        .setResult(ResponseApplySnapshotChunk.Result.ABORT)
        .build();
  }

  default ResponsePrepareProposal prepareProposal(RequestPrepareProposal request) {
    return ResponsePrepareProposal.newBuilder().addAllTxs(request.getTxsList()).build();
  }

  default ResponseProcessProposal processProposal(RequestProcessProposal request) {
    return ResponseProcessProposal.newBuilder()
        .setStatus(ResponseProcessProposal.ProposalStatus.ACCEPT)
        .build();
  }

  default ResponseExtendVote extendVote(RequestExtendVote request) {
    return ResponseExtendVote.getDefaultInstance();
  }

  default ResponseVerifyVoteExtension verifyVoteExtension(RequestVerifyVoteExtension request) {
    return ResponseVerifyVoteExtension.newBuilder()
        .setStatus(ResponseVerifyVoteExtension.VerifyStatus.ACCEPT)
        .build();
  }

  default ResponseFinalizeBlock finalizeBlock(RequestFinalizeBlock request) {
    return ResponseFinalizeBlock.getDefaultInstance();
  }
}
