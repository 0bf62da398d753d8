package io.poco.state;

import com.google.protobuf.ByteString;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * A typed column: every key is stored as {@code prefix ‖ keyCodec(key)} with the value encoded by
 * {@code valueCodec}. The state machine reads and writes only through columns.
 */
public final class Column<K, V> {

  private final ByteString prefix;
  private final Codec<K> keyCodec;
  private final Codec<V> valueCodec;

  private Column(ByteString prefix, Codec<K> keyCodec, Codec<V> valueCodec) {
    this.prefix = prefix;
    this.keyCodec = keyCodec;
    this.valueCodec = valueCodec;
  }

  /** A column under a one-byte prefix, unique across the chain's schema. */
  public static <K, V> Column<K, V> of(int prefix, Codec<K> keyCodec, Codec<V> valueCodec) {
    if (prefix < 0 || prefix > 0xff) {
      throw new IllegalArgumentException("column prefix must be one byte: " + prefix);
    }
    return new Column<>(ByteString.copyFrom(new byte[] {(byte) prefix}), keyCodec, valueCodec);
  }

  public ByteString prefix() {
    return prefix;
  }

  public ByteString key(K key) {
    return prefix.concat(keyCodec.encode(key));
  }

  public Optional<V> get(KeyValueReader reader, K key) {
    return reader.get(key(key)).map(valueCodec::decode);
  }

  public void put(StateUpdater updater, K key, V value) {
    updater.put(key(key), valueCodec.encode(value));
  }

  public void delete(StateUpdater updater, K key) {
    updater.delete(key(key));
  }

  public V decodeValue(ByteString bytes) {
    return valueCodec.decode(bytes);
  }

  /**
   * Visits the column's pairs in key order from {@code startKey} (or the first key when null), at
   * most {@code limit} of them, until the visitor returns false.
   */
  public void scan(KeyValueReader reader, K startKey, int limit, BiPredicate<K, V> visitor) {
    ByteString start = startKey == null ? prefix : key(startKey);
    reader.scan(
        prefix,
        start,
        limit,
        (k, v) -> visitor.test(keyCodec.decode(k.substring(prefix.size())), valueCodec.decode(v)));
  }
}
