/**
 * A local Anvil node (the pinned npm binary) on a free loopback port, for integration tests, the
 * gas report and local networks; started with bounded waits and always stopped by {@code close}.
 */
package io.poco.bridge.anvil;
