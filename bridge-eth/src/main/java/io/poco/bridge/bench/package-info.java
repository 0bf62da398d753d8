/** The gas report of the bridge contract on Anvil (target P5), run by {@code make bench}. */
package io.poco.bridge.bench;
