/** JMH benchmarks of the state store, run by {@code scripts/bench-store.sh}. */
package io.poco.state.bench;
