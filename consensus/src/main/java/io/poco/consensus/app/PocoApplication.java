package io.poco.consensus.app;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.poco.consensus.abci.AbciApplication;
import io.poco.core.exec.BlockContext;
import io.poco.core.exec.ChainEvent;
import io.poco.core.exec.ExecutionResult;
import io.poco.core.exec.Genesis;
import io.poco.core.exec.Schema;
import io.poco.core.exec.TxProcessor;
import io.poco.core.staking.CommitVote;
import io.poco.core.staking.PowerChange;
import io.poco.core.staking.StakingBlock;
import io.poco.core.staking.StakingGenesis;
import io.poco.core.tx.DecodeResult;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxDecoder;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.abci.CheckTxType;
import io.poco.proto.abci.ExecTxResult;
import io.poco.proto.abci.RequestCheckTx;
import io.poco.proto.abci.RequestCommit;
import io.poco.proto.abci.RequestFinalizeBlock;
import io.poco.proto.abci.RequestInfo;
import io.poco.proto.abci.RequestInitChain;
import io.poco.proto.abci.RequestPrepareProposal;
import io.poco.proto.abci.RequestProcessProposal;
import io.poco.proto.abci.RequestQuery;
import io.poco.proto.abci.ResponseCheckTx;
import io.poco.proto.abci.ResponseCommit;
import io.poco.proto.abci.ResponseFinalizeBlock;
import io.poco.proto.abci.ResponseInfo;
import io.poco.proto.abci.ResponseInitChain;
import io.poco.proto.abci.ResponsePrepareProposal;
import io.poco.proto.abci.ResponseProcessProposal;
import io.poco.proto.abci.ResponseQuery;
import io.poco.proto.v1.ChainParams;
import io.poco.proto.v1.GenesisState;
import io.poco.proto.v1.Tx;
import io.poco.proto.v1.TxBody;
import io.poco.state.KeyValueReader;
import io.poco.state.PreparedBlock;
import io.poco.state.StateUpdater;
import io.poco.state.VersionedStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain's ABCI 2.0 application (chain.md §3). Writes are staged in a block-scoped updater from
 * InitChain or FinalizeBlock on; FinalizeBlock computes the root (the app hash) without writing;
 * Commit is the only durable write. CheckTx decodes, verifies the signature and runs the messages'
 * stateless checks, then checks the nonce and the fee against the mempool's own updater over the
 * committed state, which remembers the nonces and fees of the transactions it accepted (so a sender
 * can queue several) and is rebuilt at every Commit; it never executes the messages.
 *
 * <p>All methods are synchronized: the ABCI server serialises its calls already, and the gRPC
 * queries read through the same monitor.
 */
public final class PocoApplication implements AbciApplication {

  private static final Logger LOG = LoggerFactory.getLogger(PocoApplication.class);
  private static final Logger STATUS = LoggerFactory.getLogger("status");

  private final String chainId;
  private final VersionedStore store;
  private final TxDecoder decoder;
  private final TxProcessor processor = TxProcessor.standard();

  private StateUpdater blockState;

  /**
   * The genesis of InitChain until the first block commits: its writes go into that block. Kept as
   * the genesis itself (not as staged writes) so that a FinalizeBlock repeated before Commit, as
   * CometBFT does after it restarts while the application keeps running, starts from the same
   * state.
   */
  private GenesisState pendingGenesis;

  private PreparedBlock prepared;
  private StateUpdater checkState;
  private long lastBlockTime;
  private StateSnapshots snapshots;
  private boolean pruneBlocks;

  public PocoApplication(String chainId, VersionedStore store) {
    this.chainId = chainId;
    this.store = store;
    this.decoder = new TxDecoder(chainId);
    this.checkState = store.scratch();
  }

  public String chainId() {
    return chainId;
  }

  public VersionedStore store() {
    return store;
  }

  @Override
  public synchronized ResponseInfo info(RequestInfo request) {
    long height = store.lastHeight();
    return ResponseInfo.newBuilder()
        .setData("poco")
        .setVersion(AppVersion.SOFTWARE)
        .setAppVersion(AppVersion.PROTOCOL)
        .setLastBlockHeight(height)
        .setLastBlockAppHash(height == 0 ? ByteString.EMPTY : store.lastRoot())
        .build();
  }

  @Override
  public synchronized ResponseInitChain initChain(RequestInitChain request) {
    if (!request.getChainId().equals(chainId)) {
      throw new IllegalStateException(
          "genesis chain id '"
              + request.getChainId()
              + "' differs from the node's '"
              + chainId
              + "'");
    }
    if (store.lastHeight() != 0) {
      throw new IllegalStateException(
          "InitChain on a store already at height " + store.lastHeight());
    }
    GenesisState genesis = parseGenesis(request.getAppStateBytes());
    StateUpdater genesisState = store.newBlock();
    Genesis.apply(genesisState, genesis);
    pendingGenesis = genesis;
    long firstHeight = Math.max(1, request.getInitialHeight());
    ByteString root = store.prepare(firstHeight, genesisState).root();
    List<PowerChange> set = StakingGenesis.initialSet(genesisState);
    STATUS.info(
        "genesis loaded: chain {}, {} accounts, {} staked validators, app hash {}",
        chainId,
        genesis.getAccountsCount(),
        set.size(),
        Hex.of(root));
    // Without staked validators in app_state, CometBFT keeps the validators of genesis.json.
    return ResponseInitChain.newBuilder()
        .setAppHash(root)
        .addAllValidators(StakingAbci.updates(set))
        .build();
  }

  static GenesisState parseGenesis(ByteString appState) {
    GenesisState.Builder b = GenesisState.newBuilder();
    String json = appState.toStringUtf8().strip();
    if (json.isEmpty()) {
      return b.build();
    }
    try {
      JsonFormat.parser().merge(json, b);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("genesis app_state is invalid: " + e.getMessage(), e);
    }
    return b.build();
  }

  @Override
  public synchronized ResponseCheckTx checkTx(RequestCheckTx request) {
    DecodeResult decoded = decoder.decode(request.getTx().toByteArray(), params(checkState));
    TxOutcome outcome =
        decoded.isOk() ? processor.admit(checkState, decoded.tx()) : decoded.outcome();
    ResponseCheckTx.Builder b =
        ResponseCheckTx.newBuilder().setCode(outcome.code().code()).setLog(outcome.log());
    if (!outcome.isOk()) {
      b.setCodespace(TxCode.CODESPACE);
      if (request.getType() == CheckTxType.RECHECK) {
        LOG.debug("recheck evicts a transaction: {}", outcome.log());
      }
    }
    return b.build();
  }

  /**
   * Executes a transaction, messages included, against the mempool's state as the next block would,
   * and keeps nothing: what {@code Simulate} answers. It tells a sender what CheckTx cannot:
   * whether the messages would succeed.
   */
  public synchronized ExecutionResult simulate(ByteString tx) {
    DecodeResult decoded = decoder.decode(tx.toByteArray(), params(checkState));
    if (!decoded.isOk()) {
      return ExecutionResult.rejected(decoded.outcome());
    }
    StateUpdater attempt = checkState.nested();
    BlockContext next =
        new BlockContext(chainId, store.lastHeight() + 1, lastBlockTime, ByteString.EMPTY);
    ExecutionResult result = processor.execute(attempt, next, decoded.tx());
    attempt.revert();
    return result;
  }

  /**
   * Runs {@code reader} over the last committed state, under the application's monitor, with the
   * height it reads at.
   */
  public synchronized <T> T readLatest(BiFunction<KeyValueReader, Long, T> reader) {
    return reader.apply(store.latest(), store.lastHeight());
  }

  /** A committed value at {@code height} (0 = latest), read under the application's monitor. */
  public synchronized ResponseQuery read(String path, ByteString data, long height) {
    return new QueryRouter(store)
        .route(RequestQuery.newBuilder().setPath(path).setData(data).setHeight(height).build());
  }

  /**
   * Like {@link #read(String, ByteString, long)}; with {@code prove} the answer carries the value's
   * Merkle proof as one ABCI proof op of type {@link QueryRouter#PROOF_OP_TYPE}.
   */
  public synchronized ResponseQuery read(String path, ByteString data, long height, boolean prove) {
    return new QueryRouter(store)
        .route(
            RequestQuery.newBuilder()
                .setPath(path)
                .setData(data)
                .setHeight(height)
                .setProve(prove)
                .build());
  }

  @Override
  public synchronized ResponsePrepareProposal prepareProposal(RequestPrepareProposal request) {
    ResponsePrepareProposal.Builder b = ResponsePrepareProposal.newBuilder();
    long total = 0;
    for (ByteString tx : request.getTxsList()) {
      if (total + tx.size() > request.getMaxTxBytes()) {
        break;
      }
      total += tx.size();
      b.addTxs(tx);
    }
    return b.build();
  }

  @Override
  public synchronized ResponseProcessProposal processProposal(RequestProcessProposal request) {
    for (ByteString tx : request.getTxsList()) {
      if (!isDecodable(tx)) {
        LOG.warn(
            "rejecting proposal at height {}: it contains an undecodable transaction",
            request.getHeight());
        return ResponseProcessProposal.newBuilder()
            .setStatus(ResponseProcessProposal.ProposalStatus.REJECT)
            .build();
      }
    }
    return ResponseProcessProposal.newBuilder()
        .setStatus(ResponseProcessProposal.ProposalStatus.ACCEPT)
        .build();
  }

  private static boolean isDecodable(ByteString raw) {
    try {
      TxBody.parseFrom(Tx.parseFrom(raw).getBodyBytes());
      return true;
    } catch (InvalidProtocolBufferException e) {
      return false;
    }
  }

  @Override
  public synchronized ResponseFinalizeBlock finalizeBlock(RequestFinalizeBlock request) {
    long height = request.getHeight();
    if (height != store.lastHeight() + 1) {
      throw new IllegalStateException(
          "FinalizeBlock at height " + height + " but the last commit is " + store.lastHeight());
    }
    // Always from committed state: a FinalizeBlock of this height may have run before without a
    // Commit (CometBFT restarted), and its writes must not count twice.
    blockState = store.newBlock();
    if (pendingGenesis != null) {
      Genesis.apply(blockState, pendingGenesis);
    }
    BlockContext block =
        new BlockContext(chainId, height, request.getTime().getSeconds(), request.getHash());
    List<ChainEvent> blockEvents = new ArrayList<>(processor.beginBlock(blockState, block));
    List<CommitVote> lastCommit = StakingAbci.votes(request.getDecidedLastCommit());
    StakingBlock.checkCommit(blockState, height, lastCommit)
        .ifPresent(mismatch -> LOG.error("validator set mismatch: {}", mismatch));
    StakingBlock.begin(
        blockState,
        height,
        block.timeSeconds(),
        lastCommit,
        StakingAbci.infractions(request.getMisbehaviorList()),
        request.getProposerAddress(),
        blockEvents);
    ChainParams params = params(blockState);
    List<byte[]> txs = request.getTxsList().stream().map(ByteString::toByteArray).toList();
    DecodeResult[] decoded = processor.decodeBlock(decoder, txs, params);
    List<ExecTxResult> results = new ArrayList<>(txs.size());
    int ok = 0;
    for (DecodeResult d : decoded) {
      ExecutionResult result =
          d.isOk()
              ? processor.execute(blockState, block, d.tx())
              : ExecutionResult.rejected(d.outcome());
      if (result.outcome().isOk()) {
        ok++;
      }
      results.add(AbciEvents.toExecTxResult(result));
    }
    blockEvents.addAll(processor.endBlock(blockState, block));
    List<PowerChange> updates =
        StakingBlock.end(blockState, height, block.timeSeconds(), blockEvents);
    prepared = store.prepare(height, blockState);
    lastBlockTime = block.timeSeconds();
    STATUS.info(
        "executed block {}: {} txs ({} ok), app hash {}",
        height,
        txs.size(),
        ok,
        Hex.of(prepared.root()));
    return ResponseFinalizeBlock.newBuilder()
        .addAllTxResults(results)
        .addAllEvents(AbciEvents.toAbci(blockEvents))
        .addAllValidatorUpdates(StakingAbci.updates(updates))
        .setAppHash(prepared.root())
        .build();
  }

  @Override
  public synchronized ResponseCommit commit(RequestCommit request) {
    if (prepared == null) {
      throw new IllegalStateException("Commit without a finalized block");
    }
    prepared.persist();
    long committed = prepared.height();
    prepared = null;
    blockState = null;
    pendingGenesis = null;
    checkState = store.scratch();
    if (snapshots != null) {
      snapshots.afterCommit(store, committed);
    }
    return ResponseCommit.newBuilder()
        .setRetainHeight(pruneBlocks ? store.retainHeight() : 0)
        .build();
  }

  /**
   * Whether Commit lets CometBFT drop the blocks below the oldest recent state the store keeps
   * ({@code retain_height}); by default every block is kept, as chain.md §2 asks of validators.
   */
  public synchronized void pruneBlocks(boolean prune) {
    this.pruneBlocks = prune;
  }

  /**
   * Serves and makes state-sync snapshots in {@code dir}: one after every {@code interval}-th
   * height (0 = none made), the newest {@code keep} kept. Restoring works either way.
   */
  public synchronized void enableSnapshots(java.nio.file.Path dir, long interval, int keep) {
    this.snapshots =
        new StateSnapshots(new io.poco.state.snapshot.SnapshotManager(dir, keep), interval);
  }

  @Override
  public synchronized io.poco.proto.abci.ResponseListSnapshots listSnapshots(
      io.poco.proto.abci.RequestListSnapshots request) {
    return snapshots == null
        ? AbciApplication.super.listSnapshots(request)
        : snapshots.list(request);
  }

  @Override
  public synchronized io.poco.proto.abci.ResponseLoadSnapshotChunk loadSnapshotChunk(
      io.poco.proto.abci.RequestLoadSnapshotChunk request) {
    return snapshots == null
        ? AbciApplication.super.loadSnapshotChunk(request)
        : snapshots.load(request);
  }

  @Override
  public synchronized io.poco.proto.abci.ResponseOfferSnapshot offerSnapshot(
      io.poco.proto.abci.RequestOfferSnapshot request) {
    return snapshots == null
        ? AbciApplication.super.offerSnapshot(request)
        : snapshots.offer(store, request);
  }

  @Override
  public synchronized io.poco.proto.abci.ResponseApplySnapshotChunk applySnapshotChunk(
      io.poco.proto.abci.RequestApplySnapshotChunk request) {
    if (snapshots == null) {
      return AbciApplication.super.applySnapshotChunk(request);
    }
    io.poco.proto.abci.ResponseApplySnapshotChunk r = snapshots.apply(store, request);
    checkState = store.scratch();
    return r;
  }

  @Override
  public synchronized ResponseQuery query(RequestQuery request) {
    return new QueryRouter(store).route(request);
  }

  private static ChainParams params(KeyValueReader state) {
    return Schema.PARAMS.get(state, Schema.SINGLETON).orElseGet(TxDecoder::defaultParams);
  }
}
