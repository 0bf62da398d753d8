package io.poco.testnet;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Keccak;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.exec.BlockContext;
import io.poco.core.exec.ChainEvent;
import io.poco.core.exec.ExecutionResult;
import io.poco.core.exec.Genesis;
import io.poco.core.exec.SupplyAudit;
import io.poco.core.exec.TxProcessor;
import io.poco.core.tx.DecodeResult;
import io.poco.core.tx.TxDecoder;
import io.poco.core.tx.TxSigning;
import io.poco.proto.v1.GenesisState;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.TxBody;
import io.poco.state.KeyValueReader;
import io.poco.state.RocksDbVersionedStore;
import io.poco.state.StateUpdater;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The state machine run in process, block by block, as {@code PocoApplication} runs it (begin
 * block, transactions decoded in parallel and executed in order, end block), on a real RocksDB
 * store in a scratch directory; for simulations that need many blocks quickly. Block hashes are
 * {@code keccak256("sim block" ‖ height)}; every block checks the supply invariant.
 */
final class SimChain implements AutoCloseable {

  private final String chainId;
  private final Path dir;
  private final RocksDbVersionedStore store;
  private final TxDecoder decoder;
  private final TxProcessor processor = TxProcessor.standard();
  private final TreeMap<Address, Long> nonces = new TreeMap<>();
  private final List<ChainEvent> events = new ArrayList<>();
  private StateUpdater genesisWrites;
  private long time;

  private final boolean audit;

  /**
   * Heights a simulation's store keeps: nothing reads its old heights, and pruning bounds its disk
   * use however long it runs.
   */
  private static final long SIM_KEEP_RECENT = 10;

  SimChain(String chainId, GenesisState genesis, long startTime) throws IOException {
    this(chainId, genesis, startTime, Files.createTempDirectory("poco-sim"), SIM_KEEP_RECENT, true);
  }

  /**
   * A chain on the store in {@code dir} (empty, or filled by {@link
   * RocksDbVersionedStore#bulkLoad}), which {@link #close} deletes, keeping the last {@code
   * keepRecent} heights (0 = all, as validators do by default); the genesis goes into the next
   * block. With {@code audit} every block checks the supply invariant (benchmarks turn it off: it
   * is not part of executing a block).
   */
  SimChain(
      String chainId,
      GenesisState genesis,
      long startTime,
      Path dir,
      long keepRecent,
      boolean audit)
      throws IOException {
    this.chainId = chainId;
    this.dir = dir;
    this.audit = audit;
    this.store = RocksDbVersionedStore.open(dir, keepRecent, 0);
    this.decoder = new TxDecoder(chainId);
    this.time = startTime;
    genesisWrites = store.newBlock();
    Genesis.apply(genesisWrites, genesis);
  }

  String chainId() {
    return chainId;
  }

  long time() {
    return time;
  }

  KeyValueReader state() {
    return store.latest();
  }

  /** Every begin-block, transaction and end-block event so far (the caller may clear it). */
  List<ChainEvent> events() {
    return events;
  }

  /** A transaction of {@code key} with its next nonce. */
  byte[] tx(BigInteger key, Msg... msgs) {
    Address sender = Secp256k1.address(key);
    long nonce = nonces.getOrDefault(sender, 0L);
    nonces.put(sender, nonce + 1);
    TxBody body =
        TxBody.newBuilder()
            .setChainId(chainId)
            .setNonce(nonce)
            .setSender(sender.bytes())
            .addAllMessages(List.of(msgs))
            .build();
    return TxSigning.sign(body, key).toByteArray();
  }

  /** A block {@code seconds} after the last one; returns one result per transaction. */
  List<ExecutionResult> block(long seconds, List<byte[]> txs) {
    time += seconds;
    long height = store.lastHeight() + 1;
    ByteString hash =
        Keccak.hash(
            ByteString.copyFromUtf8("sim block"),
            ByteString.copyFrom(ByteBuffer.allocate(8).putLong(height).array()));
    BlockContext ctx = new BlockContext(chainId, height, time, hash);
    StateUpdater block = genesisWrites != null ? genesisWrites : store.newBlock();
    genesisWrites = null;
    events.addAll(processor.beginBlock(block, ctx));
    DecodeResult[] decoded = processor.decodeBlock(decoder, txs, TxDecoder.defaultParams());
    List<ExecutionResult> results = new ArrayList<>(txs.size());
    for (DecodeResult d : decoded) {
      ExecutionResult r =
          d.isOk() ? processor.execute(block, ctx, d.tx()) : ExecutionResult.rejected(d.outcome());
      events.addAll(r.events());
      results.add(r);
    }
    events.addAll(processor.endBlock(block, ctx));
    store.prepare(height, block).persist();
    String broken = audit ? SupplyAudit.check(store.latest()) : "";
    if (!broken.isEmpty()) {
      throw new IllegalStateException("block " + height + ": " + broken);
    }
    return results;
  }

  @Override
  public void close() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
