package io.poco.node.keys;

/** A key that cannot be created, found or decrypted; the message says why. */
public final class KeyStoreException extends Exception {

  private static final long serialVersionUID = 1L;

  public KeyStoreException(String message) {
    super(message);
  }

  public KeyStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
