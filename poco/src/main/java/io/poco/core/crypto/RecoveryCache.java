package io.poco.core.crypto;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bounded memo of {@link Secp256k1#recoverAddress}: the same signed transaction is recovered in
 * CheckTx, in every recheck and again in FinalizeBlock (and each contribution of a batch with it).
 * Recovery is a pure function of (hash, r, s, v), so answering from this memo cannot change any
 * result; it only saves the elliptic-curve work. Least recently used entries leave first; the map
 * is never iterated on a state path.
 */
final class RecoveryCache {

  /** Entries kept: enough for several full blocks of contribution batches. */
  static final int CAPACITY = 65_536;

  private final Map<ByteBuffer, Optional<Address>> entries;

  RecoveryCache(int capacity) {
    this.entries =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Optional<Address>> eldest) {
            return size() > capacity;
          }
        };
  }

  /** True when r and s fit 32 bytes each, so that the 65-byte encoding identifies them. */
  static boolean encodable(Signature sig) {
    return sig.r().signum() > 0
        && sig.r().bitLength() <= 256
        && sig.s().signum() > 0
        && sig.s().bitLength() <= 256;
  }

  static ByteBuffer key(byte[] hash32, Signature sig) {
    byte[] k = new byte[32 + Signature.LENGTH];
    System.arraycopy(hash32, 0, k, 0, 32);
    System.arraycopy(sig.encode(), 0, k, 32, Signature.LENGTH);
    return ByteBuffer.wrap(k);
  }

  synchronized Optional<Address> get(ByteBuffer key) {
    return entries.get(key);
  }

  synchronized void put(ByteBuffer key, Optional<Address> signer) {
    entries.put(key, signer);
  }

  synchronized int size() {
    return entries.size();
  }
}
