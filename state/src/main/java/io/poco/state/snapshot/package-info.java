/**
 * State-sync snapshots of the store: made every N heights into files, served chunk by chunk, and
 * restored into an empty store, checked against the trusted app hash.
 */
package io.poco.state.snapshot;
