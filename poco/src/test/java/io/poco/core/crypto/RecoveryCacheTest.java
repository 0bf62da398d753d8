package io.poco.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecoveryCacheTest {

  private static byte[] hash(String s) {
    return Keccak.hash(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void repeatedRecoveryGivesTheSameSignerAsTheCurveDoes() {
    BigInteger key = BigInteger.valueOf(77);
    byte[] h = hash("repeat");
    Signature sig = Secp256k1.sign(key, h);
    Address expected = Secp256k1.address(key);
    assertEquals(Optional.of(expected), Secp256k1.recoverAddress(h, sig));
    assertEquals(Optional.of(expected), Secp256k1.recoverAddress(h, sig));
    // the same signature over another hash recovers someone else: the memo keys on the hash too
    byte[] other = hash("other");
    Optional<Address> elsewhere = Secp256k1.recoverAddress(other, sig);
    assertEquals(Secp256k1.recoverPublicKey(other, sig).map(Address::fromPublicKey), elsewhere);
    assertTrue(elsewhere.isEmpty() || !elsewhere.get().equals(expected));
  }

  @Test
  void aSignatureWithADifferentRecoveryIdIsAnotherEntry() {
    BigInteger key = BigInteger.valueOf(1234);
    byte[] h = hash("flip");
    Signature sig = Secp256k1.sign(key, h);
    Signature flipped = new Signature(sig.r(), sig.s(), 1 - sig.recoveryId());
    assertEquals(Optional.of(Secp256k1.address(key)), Secp256k1.recoverAddress(h, sig));
    Optional<Address> other = Secp256k1.recoverAddress(h, flipped);
    assertTrue(other.isEmpty() || !other.get().equals(Secp256k1.address(key)));
  }

  @Test
  void oversizedComponentsBypassTheMemoAndFail() {
    byte[] h = hash("big");
    Signature sig = Secp256k1.sign(BigInteger.TEN, h);
    Signature huge = new Signature(sig.r().add(BigInteger.ONE.shiftLeft(256)), sig.s(), 0);
    assertEquals(false, RecoveryCache.encodable(huge));
    assertEquals(Optional.empty(), Secp256k1.recoverAddress(h, huge));
    assertEquals(Optional.of(Secp256k1.address(BigInteger.TEN)), Secp256k1.recoverAddress(h, sig));
  }

  @Test
  void leastRecentlyUsedEntriesLeaveFirst() {
    RecoveryCache cache = new RecoveryCache(2);
    Signature sig = Secp256k1.sign(BigInteger.TWO, hash("a"));
    var a = RecoveryCache.key(hash("a"), sig);
    var b = RecoveryCache.key(hash("b"), sig);
    var c = RecoveryCache.key(hash("c"), sig);
    cache.put(a, Optional.empty());
    cache.put(b, Optional.empty());
    assertNotNull(cache.get(a)); // a is now the most recent
    cache.put(c, Optional.empty());
    assertEquals(2, cache.size());
    assertNull(cache.get(b));
    assertNotNull(cache.get(a));
    assertNotNull(cache.get(c));
  }
}
