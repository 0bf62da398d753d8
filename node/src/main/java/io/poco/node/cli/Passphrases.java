package io.poco.node.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Where a key store passphrase comes from: a file, or a prompt on the terminal. */
final class Passphrases {

  private Passphrases() {}

  static char[] read(Path file, boolean confirm) {
    if (file != null) {
      try {
        String text = Files.readString(file).strip();
        if (text.isEmpty()) {
          throw new UsageException("passphrase file " + file + " is empty");
        }
        return text.toCharArray();
      } catch (IOException e) {
        throw new UsageException("cannot read passphrase file " + file + ": " + e.getMessage());
      }
    }
    Console console = System.console();
    if (console == null) {
      throw new UsageException(
          "a passphrase is needed and there is no terminal to ask for it: pass"
              + " --keyring-passphrase-file FILE, or --keyring-backend test on a local network");
    }
    char[] first = console.readPassword("Key store passphrase: ");
    if (first == null || first.length < 8) {
      throw new UsageException("the passphrase must have at least 8 characters");
    }
    if (confirm) {
      char[] second = console.readPassword("Repeat the passphrase: ");
      if (!Arrays.equals(first, second)) {
        throw new UsageException("the passphrases differ");
      }
    }
    return first;
  }
}
