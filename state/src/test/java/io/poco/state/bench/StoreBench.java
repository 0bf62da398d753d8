package io.poco.state.bench;

import com.google.protobuf.ByteString;
import io.poco.state.KeyHashOrder;
import io.poco.state.PreparedBlock;
import io.poco.state.RocksDbVersionedStore;
import io.poco.state.StateProof;
import io.poco.state.StateUpdater;
import io.poco.state.proof.ProofVerifier;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The RocksDB store pre-filled with {@code keys} pairs: the time of one block's commit ({@code
 * writesPerBlock} overwrites of existing keys plus a churn of 10 % new keys and as many deletes, so
 * the size stays at {@code keys}; prepare and persist), of a read of a present and of an absent key
 * in the latest state, of a proof of a present key, and of verifying such a proof.
 *
 * <p>The fill is {@link RocksDbVersionedStore#bulkLoad} (the pairs as height 1, in {@link
 * KeyHashOrder}), done once per size: with the system property {@code bench.dir} set, the filled
 * store is kept there ({@code keys-N/}) and the benchmarks of the other forks reopen it and go on
 * from its last height.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StoreBench {

  @Param({"10000"})
  public int keys;

  @Param({"1000"})
  public int writesPerBlock;

  private Path dir;
  private RocksDbVersionedStore store;
  private long next;
  private long height;
  private byte[] root;
  private byte[] proofKey;
  private byte[] proofValue;
  private byte[] proofBytes;

  static ByteString key(long i) {
    return ByteString.copyFrom(ByteBuffer.allocate(9).put((byte) 'k').putLong(i).array());
  }

  static ByteString value(long i, long h) {
    return ByteString.copyFrom(ByteBuffer.allocate(40).putLong(i).putLong(h).array());
  }

  private boolean shared;
  private long reads;

  @Setup(Level.Trial)
  public void fill() throws IOException {
    String cache = System.getProperty("bench.dir", "");
    shared = !cache.isEmpty();
    dir =
        shared
            ? Files.createDirectories(Path.of(cache, "keys-" + keys + "-w" + writesPerBlock))
            : Files.createTempDirectory("store-bench");
    Path filled = dir.resolve("FILLED");
    if (!Files.exists(filled)) {
      deleteTree(dir.resolve("db")); // what a fill that did not finish left
      RocksDbVersionedStore.bulkLoad(
          dir.resolve("db"), 1, KeyHashOrder.of(keys, i -> key(i), i -> value(i, 0)));
      Files.writeString(filled, "1");
    }
    store = RocksDbVersionedStore.open(dir.resolve("db"), 100, 0);
    // every block since the fill inserted writesPerBlock / 10 keys
    long fillHeight = Long.parseLong(Files.readString(filled).strip());
    height = store.lastHeight();
    next = keys + (height - fillHeight) * (writesPerBlock / 10);
    StateProof p = store.prove(height, key(keys / 2));
    root = p.root().toByteArray();
    proofKey = p.key().toByteArray();
    proofValue = p.value().orElseThrow().toByteArray();
    proofBytes = p.proof().toByteArray();
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    store.close();
    if (shared) {
      return; // the script removes the shared directory after the run
    }
    deleteTree(dir);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  @Benchmark
  public byte[] commitBlock() {
    StateUpdater w = store.newBlock();
    long h = height + 1;
    for (int j = 0; j < writesPerBlock; j++) {
      long existing = Math.floorMod(h * 7919L + j * 104_729L, (long) keys);
      w.put(key(existing), value(existing, h));
    }
    for (int j = 0; j < writesPerBlock / 10; j++) {
      if (next > keys) {
        w.delete(key(next - writesPerBlock / 10));
      }
      w.put(key(next), value(next, h));
      next++;
    }
    PreparedBlock b = store.prepare(h, w);
    b.persist();
    height = h;
    return b.root().toByteArray();
  }

  /** A read of a present key in the latest state (the flat copy the state machine reads). */
  @Benchmark
  public Optional<ByteString> readPresent() {
    return store.latest().get(key(Math.floorMod(reads++ * 7919L, (long) keys)));
  }

  /** A read of an absent key: the state machine's checks that a record does not exist yet. */
  @Benchmark
  public Optional<ByteString> readAbsent() {
    return store.latest().get(absentKey(reads++));
  }

  private static ByteString absentKey(long i) {
    return ByteString.copyFrom(ByteBuffer.allocate(9).put((byte) 'a').putLong(i).array());
  }

  @Benchmark
  public StateProof prove() {
    return store.prove(height, key(Math.floorMod(height * 31L, (long) keys)));
  }

  @Benchmark
  public boolean verify() {
    return ProofVerifier.verifyMembership(root, proofKey, proofValue, proofBytes);
  }
}
