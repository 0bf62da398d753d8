package io.poco.state;

import com.google.protobuf.ByteString;
import io.poco.state.proof.ProofVerifier;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;

/**
 * Generated pairs {@code key(i) -> value(i)}, {@code i < n}, in the order of {@code keccak256(key)}
 * that {@link RocksDbVersionedStore#bulkLoad} takes, without holding the pairs: only one long per
 * pair (the first 40 bits of the key hash packed with the index) is sorted, then the rare runs
 * sharing those bits are sorted on the full hash. For filling large stores (benchmarks of state
 * size); {@code n} is at most 2^24.
 */
public final class KeyHashOrder {

  private static final int INDEX_BITS = 24;

  private KeyHashOrder() {}

  public static Iterator<Map.Entry<ByteString, ByteString>> of(
      int n, IntFunction<ByteString> key, IntFunction<ByteString> value) {
    if (n < 0 || n > 1 << INDEX_BITS) {
      throw new IllegalArgumentException("between 0 and 2^24 pairs, not " + n);
    }
    long[] packed = new long[n];
    for (int i = 0; i < n; i++) {
      long prefix = ByteBuffer.wrap(hash(key, i)).getLong();
      // flipping the sign bit makes signed order the unsigned order of the hash
      packed[i] = ((prefix >>> INDEX_BITS) << INDEX_BITS | i) ^ Long.MIN_VALUE;
    }
    Arrays.parallelSort(packed);
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      index[i] = (int) (packed[i] & ((1 << INDEX_BITS) - 1));
    }
    for (int i = 0; i < n; ) {
      int j = i + 1;
      while (j < n && (packed[j] >>> INDEX_BITS) == (packed[i] >>> INDEX_BITS)) {
        j++;
      }
      if (j - i > 1) {
        Integer[] run = new Integer[j - i];
        for (int k = i; k < j; k++) {
          run[k - i] = index[k];
        }
        Arrays.sort(run, (a, b) -> Arrays.compareUnsigned(hash(key, a), hash(key, b)));
        for (int k = i; k < j; k++) {
          index[k] = run[k - i];
        }
      }
      i = j;
    }
    return new Iterator<>() {
      private int pos;

      @Override
      public boolean hasNext() {
        return pos < n;
      }

      @Override
      public Map.Entry<ByteString, ByteString> next() {
        if (pos >= n) {
          throw new NoSuchElementException();
        }
        int i = index[pos++];
        return Map.entry(key.apply(i), value.apply(i));
      }
    };
  }

  private static byte[] hash(IntFunction<ByteString> key, int i) {
    return ProofVerifier.keccak256(key.apply(i).toByteArray());
  }
}
