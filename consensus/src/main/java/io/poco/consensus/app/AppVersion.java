package io.poco.consensus.app;

/** Versions reported in Info. */
final class AppVersion {

  /** The software version string. */
  static final String SOFTWARE = "0.1.0";

  /** The state machine's protocol version: blocks execute identically within one version. */
  static final long PROTOCOL = 1;

  private AppVersion() {}
}
