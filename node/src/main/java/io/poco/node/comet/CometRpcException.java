package io.poco.node.comet;

import java.io.IOException;

/** CometBFT's RPC could not be reached or answered with an error. */
public final class CometRpcException extends IOException {

  private static final long serialVersionUID = 1L;

  public CometRpcException(String message) {
    super(message);
  }

  public CometRpcException(String message, Throwable cause) {
    super(message, cause);
  }
}
