package io.poco.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Secp256k1Test {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void keccakOfEmptyInputIsEthereumsValue() {
    assertEquals(
        "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
        HEX.formatHex(Keccak.hash(new byte[0])));
  }

  @Test
  void addressesMatchEthereumsForWellKnownKeys() {
    assertEquals(
        "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf", Secp256k1.address(BigInteger.ONE).toHex());
    assertEquals(
        "0x2b5ad5c4795c026514f8317c7a215e218dccd6cf", Secp256k1.address(BigInteger.TWO).toHex());
  }

  @Test
  void signatureRecoversTheSignerAndIsLowS() {
    BigInteger key =
        new BigInteger("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", 16);
    byte[] hash = Keccak.hash("hello".getBytes(StandardCharsets.UTF_8));
    Signature sig = Secp256k1.sign(key, hash);
    assertTrue(Secp256k1.isCanonical(sig));
    assertEquals(Secp256k1.address(key), Secp256k1.recoverAddress(hash, sig).orElseThrow());
    assertEquals(sig, Signature.decode(sig.encode()));
  }

  @Test
  void highSTwinRecoversTheSameKeyButIsNotCanonical() {
    BigInteger key = BigInteger.valueOf(123456789);
    byte[] hash = Keccak.hash(new byte[] {1, 2, 3});
    Signature sig = Secp256k1.sign(key, hash);
    Signature twin = new Signature(sig.r(), Secp256k1.N.subtract(sig.s()), 1 - sig.recoveryId());
    assertFalse(Secp256k1.isCanonical(twin));
    assertEquals(Secp256k1.address(key), Secp256k1.recoverAddress(hash, twin).orElseThrow());
  }

  @Test
  void signingIsDeterministicAndTamperingChangesTheSigner() {
    BigInteger key = BigInteger.valueOf(42);
    byte[] hash = Keccak.hash(new byte[] {9});
    Signature a = Secp256k1.sign(key, hash);
    assertArrayEquals(a.encode(), Secp256k1.sign(key, hash).encode());
    byte[] other = Keccak.hash(new byte[] {10});
    assertNotEquals(Secp256k1.address(key), Secp256k1.recoverAddress(other, a).orElse(null));
  }

  @Test
  void malformedSignaturesAreRefused() {
    assertNull(Signature.decode(new byte[64]));
    byte[] badV = new byte[65];
    badV[64] = 29;
    assertNull(Signature.decode(badV));
    byte[] zero = new byte[65];
    zero[64] = 27;
    assertTrue(Secp256k1.recoverAddress(new byte[32], Signature.decode(zero)).isEmpty());
  }
}
