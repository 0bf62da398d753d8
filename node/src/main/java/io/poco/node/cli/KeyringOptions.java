package io.poco.node.cli;

import io.poco.node.keys.KeyringBackend;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How to open the key store. */
public final class KeyringOptions {

  @Option(
      names = "--keyring-backend",
      paramLabel = "BACKEND",
      description =
          "file (encrypted with a passphrase) or test (unencrypted, local networks only);"
              + " default: ${DEFAULT-VALUE}.",
      defaultValue = "file")
  String backend;

  @Option(
      names = "--keyring-passphrase-file",
      paramLabel = "FILE",
      description = "Read the key store passphrase from FILE instead of prompting.")
  Path passphraseFile;

  public KeyringBackend backend() {
    try {
      return KeyringBackend.parse(backend);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The passphrase for a new key (asked twice on a terminal), or null for the test backend. */
  public char[] newPassphrase() {
    return backend() == KeyringBackend.TEST ? null : Passphrases.read(passphraseFile, true);
  }

  /** The passphrase to unlock an existing encrypted key. */
  public char[] passphrase() {
    return Passphrases.read(passphraseFile, false);
  }
}
