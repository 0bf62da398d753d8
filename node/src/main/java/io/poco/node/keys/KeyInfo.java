package io.poco.node.keys;

import io.poco.core.crypto.Address;

/** A stored key's public part. */
public record KeyInfo(String name, Address address, KeyringBackend backend) {}
