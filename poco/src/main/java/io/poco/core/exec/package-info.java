/**
 * The deterministic state machine: genesis, transaction execution over a state updater, events, the
 * schema of typed columns and the supply audit. No I/O, clocks, threads or randomness.
 */
package io.poco.core.exec;
