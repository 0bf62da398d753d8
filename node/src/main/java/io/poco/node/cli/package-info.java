/**
 * The command lines: {@code pocod} (init, start, keys, testnet) and {@code poco} (tx, query), with
 * picocli. Bad input exits with code 2 and a message saying what to fix.
 */
package io.poco.node.cli;
