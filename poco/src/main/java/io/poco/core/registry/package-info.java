/**
 * The registries of poco.md §1: apps, datasets and workerpools, each under a 20-byte id derived
 * from its owner and the owner's creation nonce.
 */
package io.poco.core.registry;
