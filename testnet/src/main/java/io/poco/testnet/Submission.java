package io.poco.testnet;

/** One transaction a {@link Lane} wants committed, and how many contributions it carries. */
public record Submission(byte[] tx, int contributions) {}
