package io.poco.state;

import com.google.protobuf.ByteString;

/** Receives the pairs of a {@link KeyValueReader#scan}; returns false to stop the scan. */
@FunctionalInterface
public interface EntryVisitor {
  boolean visit(ByteString key, ByteString value);
}
