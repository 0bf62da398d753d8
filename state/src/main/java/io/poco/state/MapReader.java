package io.poco.state;

import com.google.protobuf.ByteString;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/** A reader over a sorted in-memory map. */
final class MapReader implements KeyValueReader {

  private final NavigableMap<ByteString, ByteString> data;

  MapReader(NavigableMap<ByteString, ByteString> data) {
    this.data = data;
  }

  @Override
  public Optional<ByteString> get(ByteString key) {
    return Optional.ofNullable(data.get(key));
  }

  @Override
  public void scan(ByteString prefix, ByteString startInclusive, int limit, EntryVisitor visitor) {
    int n = 0;
    for (Map.Entry<ByteString, ByteString> e : data.tailMap(startInclusive, true).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        if (ByteString.unsignedLexicographicalComparator().compare(e.getKey(), prefix) > 0) {
          return;
        }
        continue;
      }
      if (n++ >= limit || !visitor.visit(e.getKey(), e.getValue())) {
        return;
      }
    }
  }
}
