package io.poco.state;

import com.google.protobuf.ByteString;

/** Encodes a typed key or value to the canonical bytes stored in a column. */
public interface Codec<T> {

  ByteString encode(T value);

  T decode(ByteString bytes);
}
