package io.poco.testnet;

import io.poco.core.crypto.Keccak;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.crypto.Signature;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * targets.md P3's yardstick: the raw secp256k1 public-key recovery rate of this JVM on one thread
 * ({@link Secp256k1#recoverPublicKey}, which the recovery memo of the transaction path does not
 * touch).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class RecoveryBench {

  private byte[] hash;
  private Signature signature;

  @Setup
  public void sign() {
    hash = Keccak.hash("recovery benchmark".getBytes(StandardCharsets.UTF_8));
    signature = Secp256k1.sign(BigInteger.valueOf(0x5eed), hash);
  }

  @Benchmark
  public Optional<byte[]> recover() {
    return Secp256k1.recoverPublicKey(hash, signature);
  }
}
