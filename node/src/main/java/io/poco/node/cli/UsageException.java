package io.poco.node.cli;

/** Bad input from the user: printed as "error: ..." and the process exits with code 2. */
public final class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
