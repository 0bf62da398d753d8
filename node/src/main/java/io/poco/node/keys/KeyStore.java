package io.poco.node.keys;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Secp256k1;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * A directory of key files, one JSON file per key, each written with mode 0600 in a directory of
 * mode 0700. With the FILE backend the private key is encrypted under a key derived from the
 * passphrase by scrypt (N = 2^15, r = 8, p = 1) with AES-256-GCM; a wrong passphrase fails the GCM
 * tag check.
 */
public final class KeyStore {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final int SCRYPT_N = 1 << 15;
  private static final int SCRYPT_R = 8;
  private static final int SCRYPT_P = 1;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private final Path dir;
  private final SecureRandom random = new SecureRandom();

  public KeyStore(Path dir) {
    this.dir = dir;
  }

  public Path directory() {
    return dir;
  }

  /** Generates a new key. The passphrase is ignored by the TEST backend. */
  public KeyInfo create(String name, KeyringBackend backend, char[] passphrase)
      throws KeyStoreException {
    BigInteger key;
    do {
      byte[] b = new byte[32];
      random.nextBytes(b);
      key = new BigInteger(1, b);
    } while (key.signum() == 0 || key.compareTo(Secp256k1.N) >= 0);
    return importKey(name, key, backend, passphrase);
  }

  /** Stores an existing private key under {@code name}; refuses to overwrite. */
  public KeyInfo importKey(String name, BigInteger privateKey, KeyringBackend backend, char[] pass)
      throws KeyStoreException {
    checkName(name);
    Address address = Secp256k1.address(privateKey);
    ObjectNode doc = JSON.createObjectNode();
    doc.put("name", name);
    doc.put("address", address.toHex());
    doc.put("type", "secp256k1");
    byte[] raw = toBytes32(privateKey);
    if (backend == KeyringBackend.TEST) {
      doc.put("backend", "test");
      doc.put("private_key", HEX.formatHex(raw));
    } else {
      if (pass == null || pass.length == 0) {
        throw new KeyStoreException("a passphrase is needed for the file backend");
      }
      byte[] salt = randomBytes(16);
      byte[] iv = randomBytes(12);
      byte[] ciphertext = aes(Cipher.ENCRYPT_MODE, derive(pass, salt), iv, raw);
      doc.put("backend", "file");
      ObjectNode crypto = doc.putObject("crypto");
      crypto.put("kdf", "scrypt");
      crypto.put("n", SCRYPT_N);
      crypto.put("r", SCRYPT_R);
      crypto.put("p", SCRYPT_P);
      crypto.put("salt", HEX.formatHex(salt));
      crypto.put("cipher", "aes-256-gcm");
      crypto.put("iv", HEX.formatHex(iv));
      crypto.put("ciphertext", HEX.formatHex(ciphertext));
    }
    write(name, doc);
    return new KeyInfo(name, address, backend);
  }

  public KeyInfo show(String name) throws KeyStoreException {
    ObjectNode doc = read(name);
    return new KeyInfo(
        name,
        Address.parse(doc.path("address").asText()),
        KeyringBackend.parse(doc.path("backend").asText()));
  }

  public List<KeyInfo> list() throws KeyStoreException {
    List<KeyInfo> keys = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return keys;
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names =
          files
              .map(p -> p.getFileName().toString())
              .filter(f -> f.endsWith(".key"))
              .map(f -> f.substring(0, f.length() - 4))
              .sorted()
              .toList();
      for (String name : names) {
        keys.add(show(name));
      }
    } catch (IOException e) {
      throw new KeyStoreException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    return keys;
  }

  /** The private key, decrypted with {@code passphrase} for the FILE backend. */
  public BigInteger privateKey(String name, char[] passphrase) throws KeyStoreException {
    ObjectNode doc = read(name);
    String backend = doc.path("backend").asText();
    byte[] raw;
    if ("test".equals(backend)) {
      raw = HEX.parseHex(doc.path("private_key").asText());
    } else {
      if (passphrase == null || passphrase.length == 0) {
        throw new KeyStoreException(
            "key '" + name + "' is encrypted: a passphrase is needed (--keyring-passphrase-file)");
      }
      var crypto = doc.path("crypto");
      byte[] salt = HEX.parseHex(crypto.path("salt").asText());
      byte[] iv = HEX.parseHex(crypto.path("iv").asText());
      byte[] ciphertext = HEX.parseHex(crypto.path("ciphertext").asText());
      raw = aes(Cipher.DECRYPT_MODE, derive(passphrase, salt), iv, ciphertext);
    }
    BigInteger key = new BigInteger(1, raw);
    if (!Secp256k1.address(key).toHex().equals(doc.path("address").asText())) {
      throw new KeyStoreException("key file '" + name + "' is inconsistent with its address");
    }
    return key;
  }

  public boolean isEncrypted(String name) throws KeyStoreException {
    return !"test".equals(read(name).path("backend").asText());
  }

  private Path file(String name) {
    return dir.resolve(name + ".key");
  }

  private ObjectNode read(String name) throws KeyStoreException {
    checkName(name);
    Path f = file(name);
    if (!Files.exists(f)) {
      throw new KeyStoreException("no key named '" + name + "' in " + dir);
    }
    try {
      return (ObjectNode) JSON.readTree(Files.readString(f));
    } catch (IOException | ClassCastException e) {
      throw new KeyStoreException("cannot read key file " + f + ": " + e.getMessage(), e);
    }
  }

  private void write(String name, ObjectNode doc) throws KeyStoreException {
    Path f = file(name);
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Files.createFile(
          f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(
          f,
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.TRUNCATE_EXISTING);
    } catch (FileAlreadyExistsException e) {
      throw new KeyStoreException("a key named '" + name + "' already exists in " + dir);
    } catch (IOException e) {
      throw new KeyStoreException("cannot write key file " + f + ": " + e.getMessage(), e);
    }
  }

  private static void checkName(String name) throws KeyStoreException {
    if (!NAME.matcher(name).matches()) {
      throw new KeyStoreException(
          "invalid key name '" + name + "': use letters, digits, '.', '_' or '-' (max 64)");
    }
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static byte[] derive(char[] passphrase, byte[] salt) {
    byte[] pass = new String(passphrase).getBytes(StandardCharsets.UTF_8);
    return SCrypt.generate(pass, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, 32);
  }

  private static byte[] aes(int mode, byte[] key, byte[] iv, byte[] input)
      throws KeyStoreException {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new KeyStoreException("wrong passphrase or corrupted key file", e);
    }
  }

  private static byte[] toBytes32(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int len = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - len, out, 32 - len, len);
    return out;
  }
}
