package io.poco.core.crypto;

import com.google.protobuf.ByteString;
import org.bouncycastle.crypto.digests.KeccakDigest;

/** Keccak-256, the hash of the chain (the pre-standard Keccak that Ethereum uses, not SHA3). */
public final class Keccak {

  private Keccak() {}

  public static byte[] hash(byte[]... parts) {
    KeccakDigest digest = new KeccakDigest(256);
    for (byte[] part : parts) {
      digest.update(part, 0, part.length);
    }
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }

  public static ByteString hash(ByteString... parts) {
    KeccakDigest digest = new KeccakDigest(256);
    for (ByteString part : parts) {
      byte[] b = part.toByteArray();
      digest.update(b, 0, b.length);
    }
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return ByteString.copyFrom(out);
  }
}
