package io.poco.consensus.abci;

import io.poco.proto.abci.Request;
import io.poco.proto.abci.Response;
import io.poco.proto.abci.ResponseEcho;
import io.poco.proto.abci.ResponseException;
import io.poco.proto.abci.ResponseFlush;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps one request to one response, calling the application under a single lock so that the
 * application never runs two calls at once. Never throws: an unknown request or an application
 * failure becomes a {@code ResponseException}.
 */
public final class RequestDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

  private final AbciApplication app;
  private final Object lock = new Object();

  public RequestDispatcher(AbciApplication app) {
    this.app = app;
  }

  public Response dispatch(Request request) {
    if (request.getValueCase() == Request.ValueCase.ECHO) {
      return Response.newBuilder()
          .setEcho(ResponseEcho.newBuilder().setMessage(request.getEcho().getMessage()))
          .build();
    }
    if (request.getValueCase() == Request.ValueCase.FLUSH) {
      return Response.newBuilder().setFlush(ResponseFlush.getDefaultInstance()).build();
    }
    try {
      synchronized (lock) {
        return call(request);
      }
    } catch (RuntimeException e) {
      LOG.error("application failed on {}: {}", request.getValueCase(), e.toString(), e);
      return exception(request.getValueCase() + " failed: " + e);
    }
  }

  private Response call(Request r) {
    Response.Builder b = Response.newBuilder();
    return switch (r.getValueCase()) {
      case INFO -> b.setInfo(app.info(r.getInfo())).build();
      case INIT_CHAIN -> b.setInitChain(app.initChain(r.getInitChain())).build();
      case QUERY -> b.setQuery(app.query(r.getQuery())).build();
      case CHECK_TX -> b.setCheckTx(app.checkTx(r.getCheckTx())).build();
      case COMMIT -> b.setCommit(app.commit(r.getCommit())).build();
      case LIST_SNAPSHOTS -> b.setListSnapshots(app.listSnapshots(r.getListSnapshots())).build();
      case OFFER_SNAPSHOT -> b.setOfferSnapshot(app.offerSnapshot(r.getOfferSnapshot())).build();
      case LOAD_SNAPSHOT_CHUNK ->
          b.setLoadSnapshotChunk(app.loadSnapshotChunk(r.getLoadSnapshotChunk())).build();
      case APPLY_SNAPSHOT_CHUNK ->
          b.setApplySnapshotChunk(app.applySnapshotChunk(r.getApplySnapshotChunk())).build();
      case PREPARE_PROPOSAL ->
          b.setPrepareProposal(app.prepareProposal(r.getPrepareProposal())).build();
      case PROCESS_PROPOSAL ->
          b.setProcessProposal(app.processProposal(r.getProcessProposal())).build();
      case EXTEND_VOTE -> b.setExtendVote(app.extendVote(r.getExtendVote())).build();
      case VERIFY_VOTE_EXTENSION ->
          b.setVerifyVoteExtension(app.verifyVoteExtension(r.getVerifyVoteExtension())).build();
      case FINALIZE_BLOCK -> b.setFinalizeBlock(app.finalizeBlock(r.getFinalizeBlock())).build();
      case ECHO, FLUSH -> throw new IllegalStateException("handled before");
      case VALUE_NOT_SET -> {
        LOG.warn(
            "request of unknown type ({} unknown field(s))", r.getUnknownFields().asMap().size());
        yield exception("unknown or empty request type");
      }
    };
  }

  static Response exception(String error) {
    return Response.newBuilder()
        .setException(ResponseException.newBuilder().setError(error))
        .build();
  }
}
