package io.poco.node.keys;

/** How key files are protected. */
public enum KeyringBackend {
  /** Encrypted with a passphrase (scrypt + AES-256-GCM). */
  FILE,
  /** Unencrypted, for local test networks only. */
  TEST;

  public static KeyringBackend parse(String name) {
    return switch (name) {
      case "file" -> FILE;
      case "test" -> TEST;
      default ->
          throw new IllegalArgumentException(
              "unknown keyring backend '" + name + "' (expected file or test)");
    };
  }
}
