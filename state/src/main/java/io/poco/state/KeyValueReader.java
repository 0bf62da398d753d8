package io.poco.state;

import com.google.protobuf.ByteString;
import java.util.Optional;

/** Read access to one consistent view of the state. */
public interface KeyValueReader {

  /** The value stored under {@code key}, or empty when the key is absent. */
  Optional<ByteString> get(ByteString key);

  /**
   * Visits, in ascending unsigned-lexicographic key order, every present pair whose key starts with
   * {@code prefix} and is not below {@code startInclusive} (pass {@code prefix} to start at the
   * beginning), stopping after {@code limit} pairs or when the visitor returns false.
   */
  void scan(ByteString prefix, ByteString startInclusive, int limit, EntryVisitor visitor);
}
