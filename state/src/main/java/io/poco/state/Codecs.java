package io.poco.state;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;

/** The codecs the schema is built from. Every encoding is canonical and order-preserving. */
public final class Codecs {

  private Codecs() {}

  /** Raw bytes, stored as they are (fixed-length ids such as addresses and hashes). */
  public static final Codec<ByteString> BYTES =
      new Codec<>() {
        @Override
        public ByteString encode(ByteString value) {
          return value;
        }

        @Override
        public ByteString decode(ByteString bytes) {
          return bytes;
        }
      };

  /** A non-negative long as 8 big-endian bytes, so key order is numeric order. */
  public static final Codec<Long> UINT64 =
      new Codec<>() {
        @Override
        public ByteString encode(Long value) {
          if (value < 0) {
            throw new IllegalArgumentException("negative key: " + value);
          }
          byte[] b = new byte[8];
          long v = value;
          for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
          }
          return ByteString.copyFrom(b);
        }

        @Override
        public Long decode(ByteString bytes) {
          if (bytes.size() != 8) {
            throw new IllegalArgumentException("expected 8 bytes, got " + bytes.size());
          }
          long v = 0;
          for (int i = 0; i < 8; i++) {
            v = (v << 8) | (bytes.byteAt(i) & 0xff);
          }
          return v;
        }
      };

  /**
   * A protobuf message. Java's protobuf serializer writes fields in field-number order with no
   * unknown fields, which is deterministic for messages without maps.
   */
  public static <M extends MessageLite> Codec<M> proto(Parser<M> parser) {
    return new Codec<>() {
      @Override
      public ByteString encode(M value) {
        return value.toByteString();
      }

      @Override
      public M decode(ByteString bytes) {
        try {
          return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
          throw new IllegalStateException("corrupt state value: " + e.getMessage(), e);
        }
      }
    };
  }
}
