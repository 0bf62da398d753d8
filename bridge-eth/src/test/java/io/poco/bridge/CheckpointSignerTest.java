package io.poco.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.Address;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

class CheckpointSignerTest {
  @Property(tries = 30)
  void signaturesRecoverToTheSignerWithLowS(@ForAll @IntRange(min = 1, max = 1_000_000) int seed)
      throws Exception {
    ECKeyPair key = ECKeyPair.create(Keccak.hash("key-" + seed).toArray());
    Bytes32 digest = Keccak.hash("digest-" + seed);
    Signature sig = CheckpointSigner.sign(key, digest);
    assertTrue(sig.v() == 27 || sig.v() == 28);
    assertTrue(new BigInteger(1, sig.s().toArray()).compareTo(CheckpointSigner.HALF_ORDER) <= 0);
    BigInteger publicKey =
        Sign.signedMessageHashToKey(
            digest.toArray(),
            new Sign.SignatureData((byte) sig.v(), sig.r().toArray(), sig.s().toArray()));
    assertEquals(CheckpointSigner.address(key), new Address("0x" + Keys.getAddress(publicKey)));
  }

  @Test
  void signAllLeavesTheOthersEmpty() {
    ECKeyPair a = ECKeyPair.create(BigInteger.valueOf(1001));
    ECKeyPair b = ECKeyPair.create(BigInteger.valueOf(1002));
    Valset set =
        new Valset(
            BigInteger.ZERO,
            List.of(CheckpointSigner.address(a), CheckpointSigner.address(b)),
            List.of(BigInteger.ONE, BigInteger.ONE));
    List<Signature> sigs =
        CheckpointSigner.signAll(set, Map.of(CheckpointSigner.address(b), b), Bytes32.ZERO);
    assertTrue(sigs.get(0).isEmpty());
    assertFalse(sigs.get(1).isEmpty());
  }

  @Test
  void exactlyTwoThirdsIsNotASupermajority() {
    assertFalse(CheckpointSigner.isSupermajority(BigInteger.TWO, BigInteger.valueOf(3)));
    assertTrue(CheckpointSigner.isSupermajority(BigInteger.valueOf(3), BigInteger.valueOf(4)));
    assertFalse(CheckpointSigner.isSupermajority(BigInteger.valueOf(66), BigInteger.valueOf(99)));
    assertTrue(CheckpointSigner.isSupermajority(BigInteger.valueOf(67), BigInteger.valueOf(100)));
  }
}
