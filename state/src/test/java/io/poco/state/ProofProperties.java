package io.poco.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.poco.state.proof.ProofVerifier;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Present keys prove present, absent keys prove absent, and nothing tampered verifies. */
class ProofProperties {

  @Provide
  Arbitrary<Map<String, String>> pairs() {
    return Arbitraries.maps(
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(3),
            Arbitraries.strings().ofMaxLength(5))
        .ofMaxSize(40);
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(3);
  }

  private static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  private static InMemoryVersionedStore storeOf(Map<String, String> pairs) {
    InMemoryVersionedStore store = new InMemoryVersionedStore();
    StateUpdater w = store.newBlock();
    pairs.forEach((k, v) -> w.put(b(k), b(v)));
    store.prepare(1, w).persist();
    return store;
  }

  @Property(tries = 200)
  void everyKeyProvesWhatTheStoreHolds(
      @ForAll("pairs") Map<String, String> pairs, @ForAll("keys") String key) {
    InMemoryVersionedStore store = storeOf(pairs);
    StateProof p = store.prove(1, b(key));
    assertEquals(Optional.ofNullable(pairs.get(key)).map(ProofProperties::b), p.value());
    assertEquals(store.lastRoot(), p.root());
    assertTrue(p.verify());
    byte[] root = p.root().toByteArray();
    byte[] proof = p.proof().toByteArray();
    if (p.value().isPresent()) {
      assertFalse(ProofVerifier.verifyAbsence(root, b(key).toByteArray(), proof));
    } else {
      assertFalse(ProofVerifier.verifyMembership(root, b(key).toByteArray(), new byte[0], proof));
    }
  }

  @Property(tries = 200)
  void tamperedProofsValuesAndRootsNeverVerify(
      @ForAll("pairs") Map<String, String> pairs,
      @ForAll("keys") String key,
      @ForAll @IntRange(min = 0, max = 10_000) int where,
      @ForAll @IntRange(min = 1, max = 255) int flip) {
    InMemoryVersionedStore store = storeOf(pairs);
    StateProof p = store.prove(1, b(key));
    byte[] root = p.root().toByteArray();
    byte[] k = b(key).toByteArray();
    byte[] proof = p.proof().toByteArray();

    byte[] badProof = proof.clone();
    badProof[where % badProof.length] ^= (byte) flip;
    byte[] badRoot = root.clone();
    badRoot[where % 32] ^= (byte) flip;
    byte[] truncated = java.util.Arrays.copyOf(proof, proof.length - 1 - where % proof.length);
    byte[] extended = java.util.Arrays.copyOf(proof, proof.length + 32);

    if (p.value().isPresent()) {
      byte[] v = p.value().get().toByteArray();
      assertTrue(ProofVerifier.verifyMembership(root, k, v, proof));
      assertFalse(ProofVerifier.verifyMembership(root, k, v, badProof));
      assertFalse(ProofVerifier.verifyMembership(badRoot, k, v, proof));
      assertFalse(ProofVerifier.verifyMembership(root, k, v, truncated));
      assertFalse(ProofVerifier.verifyMembership(root, k, v, extended));
      byte[] otherValue = b(pairs.get(key) + (char) ('a' + flip % 26)).toByteArray();
      assertFalse(ProofVerifier.verifyMembership(root, k, otherValue, proof));
      assertFalse(ProofVerifier.verifyMembership(root, b(key + "x").toByteArray(), v, proof));
    } else {
      assertTrue(ProofVerifier.verifyAbsence(root, k, proof));
      assertFalse(ProofVerifier.verifyAbsence(root, k, badProof));
      assertFalse(ProofVerifier.verifyAbsence(badRoot, k, proof));
      assertFalse(ProofVerifier.verifyAbsence(root, k, truncated));
      assertFalse(ProofVerifier.verifyAbsence(root, k, extended));
    }
  }

  @Property(tries = 100)
  void aPresentKeyCannotBeProvedAbsentWithAnotherKeysProof(
      @ForAll("pairs") Map<String, String> pairs, @ForAll("keys") String other) {
    // an absence proof of one key never verifies as absence of a present key
    InMemoryVersionedStore store = storeOf(pairs);
    byte[] root = store.lastRoot().toByteArray();
    byte[] otherProof = store.prove(1, b(other)).proof().toByteArray();
    for (String present : pairs.keySet()) {
      assertFalse(ProofVerifier.verifyAbsence(root, b(present).toByteArray(), otherProof));
    }
  }

  @Property(tries = 50)
  void proofsOfBothStoresAreIdentical(
      @ForAll("pairs") Map<String, String> pairs, @ForAll("keys") String key) throws Exception {
    InMemoryVersionedStore mem = storeOf(pairs);
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("proof");
    try (RocksDbVersionedStore db = RocksDbVersionedStore.open(dir, 0, 0)) {
      StateUpdater w = db.newBlock();
      pairs.forEach((k, v) -> w.put(b(k), b(v)));
      db.prepare(1, w).persist();
      assertArrayEquals(
          mem.prove(1, b(key)).proof().toByteArray(), db.prove(1, b(key)).proof().toByteArray());
    }
  }
}
