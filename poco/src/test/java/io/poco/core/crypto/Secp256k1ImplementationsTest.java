package io.poco.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * libsecp256k1 and BouncyCastle must answer every recovery alike: a node that cannot load the
 * native library falls back to BouncyCastle, and the two must never disagree on who signed a
 * transaction. Compared on valid signatures, on arbitrary (r, s) pairs (about half name no point),
 * and on the edges of the ranges.
 */
class Secp256k1ImplementationsTest {

  private static final BigInteger N = Secp256k1.N;

  @Test
  void theNativeLibraryLoadsOnLinux() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch");
    if (os.contains("linux") && (arch.equals("amd64") || arch.equals("aarch64"))) {
      assertTrue(LibSecp256k1.available(), Secp256k1.recoveryImplementation());
      assertEquals("libsecp256k1 (JNI)", Secp256k1.recoveryImplementation());
    }
  }

  @Property(tries = 300)
  void validSignaturesRecoverTheSameKey(
      @ForAll("scalars") BigInteger key, @ForAll("hashes") byte[] hash) {
    Signature sig = Secp256k1.sign(key, hash);
    byte[] expected = Secp256k1.publicKey(key);
    assertArrayEquals(expected, Secp256k1.portable(hash, sig));
    assertArrayEquals(expected, nativeOrPortable(hash, sig));
    Signature twin = new Signature(sig.r(), N.subtract(sig.s()), 1 - sig.recoveryId());
    assertArrayEquals(expected, Secp256k1.portable(hash, twin));
    assertArrayEquals(expected, nativeOrPortable(hash, twin));
  }

  @Property(tries = 500)
  void arbitrarySignaturesGetTheSameAnswer(
      @ForAll("scalars") BigInteger r,
      @ForAll("scalars") BigInteger s,
      @ForAll @IntRange(min = 0, max = 1) int recoveryId,
      @ForAll("hashes") byte[] hash) {
    Signature sig = new Signature(r, s, recoveryId);
    assertArrayEquals(Secp256k1.portable(hash, sig), nativeOrPortable(hash, sig));
  }

  @Test
  void edgesOfTheRangesGetTheSameAnswer() {
    BigInteger[] values = {
      BigInteger.ONE,
      BigInteger.TWO,
      N.shiftRight(1),
      N.shiftRight(1).add(BigInteger.ONE),
      N.subtract(BigInteger.TWO),
      N.subtract(BigInteger.ONE)
    };
    byte[][] hashes = {new byte[32], filled(0xff), N.toByteArray(), filled(0x01)};
    int withKey = 0;
    for (BigInteger r : values) {
      for (BigInteger s : values) {
        for (int recoveryId = 0; recoveryId < 2; recoveryId++) {
          for (byte[] h : hashes) {
            byte[] hash = h.length == 32 ? h : Arrays.copyOfRange(h, h.length - 32, h.length);
            Signature sig = new Signature(r, s, recoveryId);
            byte[] portable = Secp256k1.portable(hash, sig);
            assertArrayEquals(portable, nativeOrPortable(hash, sig), sig + " over " + hash[0]);
            withKey += portable == null ? 0 : 1;
          }
        }
      }
    }
    assertTrue(withKey > 0, "some edge signatures name a key");
  }

  @Test
  void smallXCoordinatesGetTheSameAnswerAndSomeNameNoPoint() {
    byte[] hash = filled(0x01);
    int noPoint = 0;
    for (int x = 1; x <= 32; x++) {
      Signature sig = new Signature(BigInteger.valueOf(x), BigInteger.ONE, 0);
      byte[] portable = Secp256k1.portable(hash, sig);
      assertArrayEquals(portable, nativeOrPortable(hash, sig), "x = " + x);
      if (portable == null) {
        noPoint++;
        assertEquals(Optional.empty(), Secp256k1.recoverPublicKey(hash, sig));
      }
    }
    assertTrue(noPoint > 0, "about half of all x name no point on the curve");
  }

  @Test
  void aRecoveredKeyIsSixtyFourBytes() {
    byte[] hash = filled(0x07);
    byte[] key = nativeOrPortable(hash, Secp256k1.sign(BigInteger.valueOf(7), hash));
    assertNotNull(key);
    assertEquals(64, key.length);
  }

  private static byte[] nativeOrPortable(byte[] hash, Signature sig) {
    return LibSecp256k1.available()
        ? LibSecp256k1.recover(hash, sig)
        : Secp256k1.portable(hash, sig);
  }

  private static byte[] filled(int b) {
    byte[] out = new byte[32];
    Arrays.fill(out, (byte) b);
    return out;
  }

  @Provide
  Arbitrary<BigInteger> scalars() {
    return Arbitraries.bigIntegers().between(BigInteger.ONE, N.subtract(BigInteger.ONE));
  }

  @Provide
  Arbitrary<byte[]> hashes() {
    return Arbitraries.bytes().array(byte[].class).ofSize(32);
  }
}
