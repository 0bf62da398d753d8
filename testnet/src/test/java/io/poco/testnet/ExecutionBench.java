package io.poco.testnet;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Keccak;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.exec.ExecutionResult;
import io.poco.core.exec.Schema;
import io.poco.core.ids.PocoIds;
import io.poco.core.params.PocoParamsKeeper;
import io.poco.core.task.ContributionSigning;
import io.poco.core.tx.TxDecoder;
import io.poco.proto.v1.Category;
import io.poco.proto.v1.GenesisState;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgContribute;
import io.poco.proto.v1.SignedContribution;
import io.poco.proto.v1.Task;
import io.poco.proto.v1.TaskStatus;
import io.poco.state.KeyHashOrder;
import io.poco.state.RocksDbVersionedStore;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * targets.md P3 and P4: one block of {@code txsPerBlock} signed contributions (each a {@code
 * MsgContribute} sent by its worker: the transaction's, the contribution's and the scheduler's
 * authorization signatures, all recovered) executed and committed as FinalizeBlock and Commit do
 * ({@link SimChain}: begin block, decoding in parallel, execution in order, end block, the Merkle
 * root and the synced RocksDB write), against a RocksDB store that already holds {@code tasks}
 * finished task records besides the live deal.
 *
 * <p>The store is filled once per trial by {@link RocksDbVersionedStore#bulkLoad}; the genesis, the
 * market and the initialization of every task the blocks contribute to go on top through ordinary
 * blocks, and every measured block's transactions are signed before the first one runs. Each
 * invocation is one block ({@link Mode#SingleShotTime}); a block whose transactions are not all
 * accepted fails the benchmark rather than measuring refusals.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = ExecutionBench.WARMUP_BLOCKS)
@Measurement(iterations = ExecutionBench.MEASURED_BLOCKS)
public class ExecutionBench {

  /**
   * Blocks run before the measured ones: P3 asks for a warm store. Timed one by one after the fill
   * (one run, 2026-11-23), the first ten blocks took about 15 % longer than the thirty after them,
   * at both sizes, while the JIT compiler threads were still busy (a profile of five warm-up blocks
   * found them in a quarter of the measured blocks' samples).
   */
  static final int WARMUP_BLOCKS = 20;

  static final int MEASURED_BLOCKS = 20;

  /**
   * The store keeps every height ({@code keep_recent = 0}). A node's default, the last 100 000
   * heights, is as much as that over this benchmark's blocks: no block pays for pruning, which no
   * node does that soon after writing.
   */
  private static final long KEEP_ALL_HEIGHTS = 0;

  private static final int BLOCKS = WARMUP_BLOCKS + MEASURED_BLOCKS;
  private static final String CHAIN = "bench";
  private static final long BLOCK_SECONDS = 5;
  private static final long PRICE = SimMarket.RLC / 100;
  private static final int WORKERS = 16;
  private static final int INITS_PER_TX = 16;

  /** Finished task records in the store before the live deal. */
  @Param({"10000"})
  public int tasks;

  @Param({"1000"})
  public int txsPerBlock;

  private SimChain chain;
  private final List<List<byte[]>> blocks = new ArrayList<>();
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path dir = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", "/tmp")), "exec");
    RocksDbVersionedStore.bulkLoad(
        dir, 1, KeyHashOrder.of(tasks, i -> Schema.TASKS.key(fillerId(i)), ExecutionBench::filler));
    SimMarket.Parties parties =
        new SimMarket.Parties(
            SimMarket.key("app owner", 0),
            SimMarket.key("scheduler", 0),
            SimMarket.key("requester", 0));
    List<BigInteger> workers = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      workers.add(SimMarket.key("worker", w));
    }
    long volume = (long) BLOCKS * txsPerBlock;
    chain =
        new SimChain(
            CHAIN, genesis(parties, workers, volume), 1_700_000_000L, dir, KEEP_ALL_HEIGHTS, false);
    SimMarket.expectOk(
        chain.block(
            BLOCK_SECONDS,
            List.of(
                chain.tx(parties.appOwner(), SimMarket.registerApp()),
                chain.tx(parties.scheduler(), SimMarket.registerPool()))),
        "register");
    ByteString deal = SimMarket.match(chain, BLOCK_SECONDS, parties, volume, 1, PRICE);
    for (long first = 0; first < volume; first += (long) INITS_PER_TX * txsPerBlock) {
      List<byte[]> inits = new ArrayList<>();
      for (long idx = first; idx < Math.min(volume, first + (long) INITS_PER_TX * txsPerBlock); ) {
        List<Msg> msgs = new ArrayList<>();
        for (int k = 0; k < INITS_PER_TX && idx < volume; k++, idx++) {
          msgs.add(SimMarket.initialize(deal, idx));
        }
        inits.add(chain.tx(parties.requester(), msgs.toArray(Msg[]::new)));
      }
      SimMarket.expectOk(chain.block(BLOCK_SECONDS, inits), "initialize");
    }
    for (int b = 0; b < BLOCKS; b++) {
      blocks.add(contributions(deal, b, parties.scheduler(), workers));
    }
  }

  /** Block {@code b}'s transactions: task {@code b * txsPerBlock + k} gets worker k mod 16's. */
  private List<byte[]> contributions(
      ByteString deal, int b, BigInteger scheduler, List<BigInteger> workers) {
    Msg[] msgs = new Msg[txsPerBlock];
    IntStream.range(0, txsPerBlock)
        .parallel()
        .forEach(
            k -> {
              ByteString task = PocoIds.taskId(deal, (long) b * txsPerBlock + k);
              BigInteger worker = workers.get(k % WORKERS);
              ByteString digest = Keccak.hash(ByteString.copyFromUtf8("result"), task);
              SignedContribution c =
                  ContributionSigning.sign(CHAIN, task, digest, ByteString.EMPTY, worker);
              Address w = Secp256k1.address(worker);
              msgs[k] =
                  Msg.newBuilder()
                      .setContribute(
                          MsgContribute.newBuilder()
                              .setContribution(c)
                              .setAuthorization(
                                  ContributionSigning.authorize(
                                      CHAIN, w, task, ByteString.EMPTY, scheduler)))
                      .build();
            });
    List<byte[]> txs = new ArrayList<>(txsPerBlock);
    for (int k = 0; k < txsPerBlock; k++) {
      txs.add(chain.tx(workers.get(k % WORKERS), msgs[k]));
    }
    return txs;
  }

  @Benchmark
  public List<ExecutionResult> finalizeBlock() {
    if (next >= blocks.size()) {
      throw new IllegalStateException("more invocations than the " + BLOCKS + " blocks signed");
    }
    List<ExecutionResult> results = chain.block(BLOCK_SECONDS, blocks.get(next++));
    SimMarket.expectOk(results, "contribution");
    return results;
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    chain.close();
  }

  private static GenesisState genesis(
      SimMarket.Parties parties, List<BigInteger> workers, long volume) {
    GenesisState.Builder g = GenesisState.newBuilder().setParams(TxDecoder.defaultParams());
    // one category whose deadlines outlast the benchmark's blocks
    g.setPoco(
        PocoParamsKeeper.defaults().toBuilder()
            .setCategories(0, Category.newBuilder().setName("bench").setTimerefSeconds(100_000))
            .build());
    long forAllTasks = Math.multiplyExact(volume + 1_000L, PRICE);
    g.addAccounts(SimMarket.account(parties.appOwner(), 1_000 * SimMarket.RLC));
    g.addAccounts(SimMarket.account(parties.scheduler(), forAllTasks));
    g.addAccounts(SimMarket.account(parties.requester(), forAllTasks));
    for (BigInteger w : workers) {
      g.addAccounts(SimMarket.account(w, forAllTasks));
    }
    return g.build();
  }

  /** The id of finished task {@code i}: not any deal's, so it never meets the live tasks. */
  private static ByteString fillerId(int i) {
    return Keccak.hash(
        ByteString.copyFromUtf8("filler task"),
        ByteString.copyFrom(ByteBuffer.allocate(4).putInt(i).array()));
  }

  /** A finished task record as a real one looks after its reversal window. */
  private static ByteString filler(int i) {
    ByteString id = fillerId(i);
    return Task.newBuilder()
        .setStatus(TaskStatus.TASK_STATUS_SETTLED)
        .setDealId(Keccak.hash(ByteString.copyFromUtf8("filler deal"), id))
        .setIdx(i)
        .setContributionDeadline(1_700_000_000L)
        .setRevealDeadline(1_700_000_000L)
        .setFinalDeadline(1_700_000_000L)
        .setConsensusValue(Keccak.hash(ByteString.copyFromUtf8("value"), id))
        .setConsensusTotal(ByteString.copyFrom(new byte[] {2}))
        .setContributorCount(1)
        .setWinnerCount(1)
        .setRevealCount(1)
        .setResultDigest(Keccak.hash(ByteString.copyFromUtf8("digest"), id))
        .setResults(
            ByteString.copyFromUtf8(
                "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi"))
        .setConsensusTime(1_700_000_000L)
        .setFinalTime(1_700_000_000L)
        .setReleaseTime(1_700_000_000L)
        .build()
        .toByteString();
  }
}
