package io.poco.consensus.app;

import com.google.protobuf.ByteString;
import java.util.HexFormat;

/** Upper-case hex, as CometBFT prints hashes. */
final class Hex {

  private Hex() {}

  static String of(ByteString bytes) {
    return HexFormat.of().withUpperCase().formatHex(bytes.toByteArray());
  }
}
