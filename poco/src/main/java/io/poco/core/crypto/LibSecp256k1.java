package io.poco.core.crypto;

import fr.acinq.secp256k1.Secp256k1Exception;
import java.util.Arrays;

/**
 * Public-key recovery by libsecp256k1, Bitcoin Core's C library, through ACINQ's JNI binding (its
 * Linux x86-64 and aarch64 builds come with the dependency): about four times BouncyCastle's rate
 * here. Loaded once; where it cannot be loaded (another platform, a temporary directory mounted
 * {@code noexec}) {@link #available()} is false and {@link Secp256k1} uses BouncyCastle, which
 * answers every question the same way ({@code Secp256k1ImplementationsTest}), so nodes with and
 * without it agree.
 */
final class LibSecp256k1 {

  /** A system property that, set to {@code true}, keeps the node on BouncyCastle. */
  static final String DISABLE_PROPERTY = "poco.secp256k1.portable";

  private static final fr.acinq.secp256k1.Secp256k1 LIB;
  private static final String PROBLEM;

  static {
    fr.acinq.secp256k1.Secp256k1 lib = null;
    String problem = null;
    if (Boolean.getBoolean(DISABLE_PROPERTY)) {
      problem = "disabled by -D" + DISABLE_PROPERTY;
    } else {
      try {
        lib = fr.acinq.secp256k1.Secp256k1.get();
      } catch (Exception | LinkageError e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
          cause = cause.getCause();
        }
        problem = cause.toString();
      }
    }
    LIB = lib;
    PROBLEM = problem;
  }

  private LibSecp256k1() {}

  static boolean available() {
    return LIB != null;
  }

  /** Why the library is not in use, or null when it is. */
  static String problem() {
    return PROBLEM;
  }

  /**
   * The 64-byte public key (x ‖ y) recovered from {@code sig} over {@code hash32}, or null when
   * there is none. The caller has checked that r and s lie in [1, n): the library refuses values
   * outside that range by parsing, the portable path by its own check, and both must agree.
   */
  static byte[] recover(byte[] hash32, Signature sig) {
    byte[] compact = Arrays.copyOf(sig.encode(), 64); // r ‖ s
    byte[] uncompressed;
    try {
      uncompressed = LIB.ecdsaRecover(compact, hash32, sig.recoveryId());
    } catch (Secp256k1Exception noKey) {
      return null;
    }
    if (uncompressed.length != 65 || uncompressed[0] != 0x04) {
      throw new IllegalStateException(
          "libsecp256k1 returned a public key of " + uncompressed.length + " bytes");
    }
    return Arrays.copyOfRange(uncompressed, 1, 65);
  }
}
