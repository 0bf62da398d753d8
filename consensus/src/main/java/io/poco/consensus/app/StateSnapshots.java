package io.poco.consensus.app;

import io.poco.proto.abci.RequestApplySnapshotChunk;
import io.poco.proto.abci.RequestListSnapshots;
import io.poco.proto.abci.RequestLoadSnapshotChunk;
import io.poco.proto.abci.RequestOfferSnapshot;
import io.poco.proto.abci.ResponseApplySnapshotChunk;
import io.poco.proto.abci.ResponseListSnapshots;
import io.poco.proto.abci.ResponseLoadSnapshotChunk;
import io.poco.proto.abci.ResponseOfferSnapshot;
import io.poco.proto.abci.Snapshot;
import io.poco.state.VersionedStore;
import io.poco.state.snapshot.SnapshotInfo;
import io.poco.state.snapshot.SnapshotManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ABCI snapshot calls over a {@link SnapshotManager}: a snapshot after every {@code
 * interval}-th committed height (0 = none made; restoring works regardless).
 */
final class StateSnapshots {

  private static final Logger STATUS = LoggerFactory.getLogger("status");

  private final SnapshotManager manager;
  private final long interval;

  StateSnapshots(SnapshotManager manager, long interval) {
    this.manager = manager;
    this.interval = interval;
  }

  void afterCommit(VersionedStore store, long height) {
    if (interval > 0 && height % interval == 0) {
      SnapshotInfo s = manager.create(store, height);
      STATUS.info("state snapshot at height {}: {} chunk(s)", height, s.chunks());
    }
  }

  ResponseListSnapshots list(RequestListSnapshots request) {
    ResponseListSnapshots.Builder b = ResponseListSnapshots.newBuilder();
    for (SnapshotInfo s : manager.list()) {
      b.addSnapshots(
          Snapshot.newBuilder()
              .setHeight(s.height())
              .setFormat(s.format())
              .setChunks(s.chunks())
              .setHash(s.hash())
              .setMetadata(s.metadata()));
    }
    return b.build();
  }

  ResponseLoadSnapshotChunk load(RequestLoadSnapshotChunk request) {
    return ResponseLoadSnapshotChunk.newBuilder()
        .setChunk(manager.chunk(request.getHeight(), request.getFormat(), request.getChunk()))
        .build();
  }

  ResponseOfferSnapshot offer(VersionedStore store, RequestOfferSnapshot request) {
    Snapshot s = request.getSnapshot();
    SnapshotManager.Offer result =
        manager.offer(
            store,
            new SnapshotInfo(
                s.getHeight(), s.getFormat(), s.getChunks(), s.getHash(), s.getMetadata()),
            request.getAppHash());
    STATUS.info("offered state snapshot at height {}: {}", s.getHeight(), result);
    return ResponseOfferSnapshot.newBuilder()
        .setResult(
            switch (result) {
              case ACCEPT -> ResponseOfferSnapshot.Result.ACCEPT;
              case REJECT -> ResponseOfferSnapshot.Result.REJECT;
              case REJECT_FORMAT -> ResponseOfferSnapshot.Result.REJECT_FORMAT;
            })
        .build();
  }

  ResponseApplySnapshotChunk apply(VersionedStore store, RequestApplySnapshotChunk request) {
    SnapshotManager.Apply result = manager.apply(store, request.getIndex(), request.getChunk());
    ResponseApplySnapshotChunk.Builder b = ResponseApplySnapshotChunk.newBuilder();
    switch (result) {
      case ACCEPT -> b.setResult(ResponseApplySnapshotChunk.Result.ACCEPT);
      case RETRY -> {
        b.setResult(ResponseApplySnapshotChunk.Result.RETRY).addRefetchChunks(request.getIndex());
        if (!request.getSender().isEmpty()) {
          b.addRejectSenders(request.getSender());
        }
      }
      case REJECT_SNAPSHOT -> b.setResult(ResponseApplySnapshotChunk.Result.REJECT_SNAPSHOT);
      case ABORT -> b.setResult(ResponseApplySnapshotChunk.Result.ABORT);
    }
    if (result == SnapshotManager.Apply.ACCEPT && store.lastHeight() > 0) {
      STATUS.info(
          "state restored from snapshot chunk {}; store at height {}",
          request.getIndex(),
          store.lastHeight());
    }
    return b.build();
  }
}
