package io.poco.core.market;

import com.google.protobuf.ByteString;

/** 32-byte tags as bit sets (an empty tag is all zero). */
final class Tags {

  static final int LENGTH = 32;

  private Tags() {}

  static boolean isValid(ByteString tag) {
    return tag.isEmpty() || tag.size() == LENGTH;
  }

  static byte[] bits(ByteString tag) {
    return tag.isEmpty() ? new byte[LENGTH] : tag.toByteArray();
  }

  static ByteString or(ByteString... tags) {
    byte[] out = new byte[LENGTH];
    for (ByteString tag : tags) {
      byte[] b = bits(tag);
      for (int i = 0; i < LENGTH; i++) {
        out[i] |= b[i];
      }
    }
    return ByteString.copyFrom(out);
  }

  /** True when every bit of {@code sub} is set in {@code sup}. */
  static boolean subset(ByteString sub, ByteString sup) {
    byte[] a = bits(sub);
    byte[] b = bits(sup);
    for (int i = 0; i < LENGTH; i++) {
      if ((a[i] & ~b[i]) != 0) {
        return false;
      }
    }
    return true;
  }
}
