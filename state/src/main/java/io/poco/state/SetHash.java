package io.poco.state;

import com.google.protobuf.ByteString;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * An order-independent digest of a set of key-value pairs, updated per write: the sum modulo 2^256
 * of {@code keccak256(len(key) ‖ key ‖ value)} over all pairs. The root is {@code
 * keccak256("poco-state-v0" ‖ sum ‖ count)}. It depends only on the set of pairs and changes with
 * every write, but it gives no membership proofs: the Merkle tree of the authenticated-state issue
 * replaces it.
 */
public final class SetHash {

  private static final BigInteger MOD = BigInteger.ONE.shiftLeft(256);
  private static final byte[] DOMAIN = "poco-state-v0".getBytes(StandardCharsets.UTF_8);

  private final BigInteger sum;
  private final long count;

  public SetHash(BigInteger sum, long count) {
    this.sum = sum;
    this.count = count;
  }

  public static SetHash empty() {
    return new SetHash(BigInteger.ZERO, 0);
  }

  public SetHash add(ByteString key, ByteString value) {
    return new SetHash(sum.add(pairHash(key, value)).mod(MOD), count + 1);
  }

  public SetHash remove(ByteString key, ByteString value) {
    return new SetHash(sum.subtract(pairHash(key, value)).mod(MOD), count - 1);
  }

  public ByteString root() {
    KeccakDigest d = new KeccakDigest(256);
    d.update(DOMAIN, 0, DOMAIN.length);
    byte[] s = to32(sum);
    d.update(s, 0, 32);
    byte[] c = ByteBuffer.allocate(8).putLong(count).array();
    d.update(c, 0, 8);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return ByteString.copyFrom(out);
  }

  /** 32-byte sum followed by the 8-byte count, for persisting. */
  public ByteString encode() {
    return ByteString.copyFrom(to32(sum))
        .concat(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(count).array()));
  }

  public static SetHash decode(ByteString bytes) {
    byte[] b = bytes.toByteArray();
    return new SetHash(
        new BigInteger(1, java.util.Arrays.copyOfRange(b, 0, 32)),
        ByteBuffer.wrap(b, 32, 8).getLong());
  }

  /** Applies a block's writes, given the committed values they replace. */
  public SetHash apply(StagedUpdater writes, KeyValueReader committed) {
    SetHash h = this;
    for (var e : writes.writes().entrySet()) {
      var old = committed.get(e.getKey());
      if (old.isPresent()) {
        h = h.remove(e.getKey(), old.get());
      }
      if (e.getValue().isPresent()) {
        h = h.add(e.getKey(), e.getValue().get());
      }
    }
    return h;
  }

  private static BigInteger pairHash(ByteString key, ByteString value) {
    KeccakDigest d = new KeccakDigest(256);
    byte[] len = ByteBuffer.allocate(4).putInt(key.size()).array();
    d.update(len, 0, 4);
    byte[] k = key.toByteArray();
    d.update(k, 0, k.length);
    byte[] v = value.toByteArray();
    d.update(v, 0, v.length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return new BigInteger(1, out);
  }

  private static byte[] to32(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    int len = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - len, out, 32 - len, len);
    return out;
  }
}
