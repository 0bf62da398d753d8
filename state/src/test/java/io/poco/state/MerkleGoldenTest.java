package io.poco.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Golden vectors: fixed maps and their roots, computed by an independent reference implementation
 * of the encoding in {@link io.poco.state.proof.ProofVerifier}. Any change to the tree encoding
 * changes these roots and fails here.
 */
class MerkleGoldenTest {

  private static ByteString b(String s) {
    return ByteString.copyFrom(s, StandardCharsets.ISO_8859_1);
  }

  private static final Map<Map<ByteString, ByteString>, String> VECTORS = new LinkedHashMap<>();

  static {
    VECTORS.put(Map.of(), "0000000000000000000000000000000000000000000000000000000000000000");
    VECTORS.put(
        Map.of(b("a"), b("1")), "c3fd1ef33b82b45747a4dfeaa6bd2bb314df989be8ade3eb7e4738c78db82912");
    VECTORS.put(
        Map.of(b("a"), b("1"), b("b"), b("2")),
        "3c9058fe6cb35c4a687566fd62f985a8eae5263f158697ebb9d777333d006232");
    VECTORS.put(
        Map.of(b("a"), b("1"), b("b"), b("2"), b("c"), b("3")),
        "c263b0367df71e753bca510361673e7ea418ef6cbd2c8e10d5754d509aa23605");
    VECTORS.put(
        Map.of(b("acct/alice"), b("100"), b("acct/bob"), b(""), b("params"), b("\1\2\3")),
        "f7ac1fe16227609bd43223af0ac628156a141feba29017feeb79d619bd539044");
    Map<ByteString, ByteString> sixteen =
        new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    for (int i = 0; i < 16; i++) {
      sixteen.put(
          ByteString.copyFrom(new byte[] {(byte) i}),
          ByteString.copyFrom(new byte[] {(byte) i, (byte) i}));
    }
    VECTORS.put(sixteen, "8b6900a5058b90cefc02e178b1c5164ae509de64d6aa5f385161750fa8dcc2b8");
  }

  @Test
  void oneBlockRootsMatchTheVectors() {
    for (var v : VECTORS.entrySet()) {
      InMemoryVersionedStore store = new InMemoryVersionedStore();
      StateUpdater w = store.newBlock();
      v.getKey().forEach(w::put);
      store.prepare(1, w).persist();
      assertEquals(v.getValue(), HexFormat.of().formatHex(store.lastRoot().toByteArray()));
    }
  }

  @Test
  void rocksDbRootsAfterAChurningHistoryMatchTheVectors() throws Exception {
    for (var v : VECTORS.entrySet()) {
      Path dir = Files.createTempDirectory("golden");
      try (RocksDbVersionedStore store = RocksDbVersionedStore.open(dir, 2, 0)) {
        // block 1: decoys and wrong values; block 2: the final values, decoys deleted one by one
        StateUpdater w = store.newBlock();
        for (int i = 0; i < 20; i++) {
          w.put(b("decoy" + i), b("x"));
        }
        v.getKey().forEach((k, val) -> w.put(k, val.concat(b("old"))));
        store.prepare(1, w).persist();
        StateUpdater w2 = store.newBlock();
        v.getKey().forEach(w2::put);
        store.prepare(2, w2).persist();
        for (int i = 0; i < 20; i++) {
          StateUpdater d = store.newBlock();
          d.delete(b("decoy" + i));
          store.prepare(3 + i, d).persist();
        }
        assertEquals(v.getValue(), HexFormat.of().formatHex(store.lastRoot().toByteArray()));
      }
    }
  }
}
