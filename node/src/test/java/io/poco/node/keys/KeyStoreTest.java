package io.poco.node.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poco.core.crypto.Secp256k1;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyStoreTest {

  @TempDir Path dir;

  @Test
  void encryptedKeysNeedTheirPassphraseAndFilesAreOwnerOnly() throws Exception {
    KeyStore store = new KeyStore(dir.resolve("keyring"));
    KeyInfo info = store.create("alice", KeyringBackend.FILE, "correct horse".toCharArray());
    BigInteger key = store.privateKey("alice", "correct horse".toCharArray());
    assertEquals(info.address(), Secp256k1.address(key));
    assertThrows(
        KeyStoreException.class, () -> store.privateKey("alice", "wrong horse".toCharArray()));
    Path file = dir.resolve("keyring").resolve("alice.key");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keyring"))));
    String text = Files.readString(file);
    assertFalse(text.contains(key.toString(16)), "the private key must not be stored in clear");
    assertTrue(store.isEncrypted("alice"));
  }

  @Test
  void testBackendNamesAndListing() throws Exception {
    KeyStore store = new KeyStore(dir.resolve("k"));
    store.create("b", KeyringBackend.TEST, null);
    store.create("a", KeyringBackend.TEST, null);
    assertEquals("a", store.list().get(0).name());
    assertEquals(2, store.list().size());
    assertThrows(KeyStoreException.class, () -> store.create("a", KeyringBackend.TEST, null));
    assertThrows(KeyStoreException.class, () -> store.create("../x", KeyringBackend.TEST, null));
    assertThrows(KeyStoreException.class, () -> store.show("missing"));
    assertThrows(KeyStoreException.class, () -> store.create("c", KeyringBackend.FILE, null));
  }
}
