package io.poco.core.registry;

import io.poco.core.crypto.Address;
import io.poco.core.exec.Schema;
import io.poco.proto.v1.App;
import io.poco.proto.v1.Dataset;
import io.poco.proto.v1.Workerpool;
import io.poco.state.KeyValueReader;
import io.poco.state.StateUpdater;
import java.util.Optional;

/** Reads and writes registry records and the owners' creation nonces. */
public final class RegistryKeeper {

  /** The default share of the workerpool price a worker stakes (poco.md §1). */
  public static final int DEFAULT_WORKER_STAKE_RATIO = 30;

  /** The default share of the reward the scheduler keeps (poco.md §1). */
  public static final int DEFAULT_SCHEDULER_REWARD_RATIO = 1;

  private RegistryKeeper() {}

  /** The nonce the owner's next registration uses (0 for the first). */
  public static long nextNonce(KeyValueReader state, Address owner) {
    return Schema.REGISTRY_NONCES.get(state, owner.bytes()).orElse(0L);
  }

  /** Returns the owner's current nonce and advances it. */
  static long takeNonce(StateUpdater state, Address owner) {
    long nonce = nextNonce(state, owner);
    Schema.REGISTRY_NONCES.put(state, owner.bytes(), Math.addExact(nonce, 1));
    return nonce;
  }

  public static Optional<App> app(KeyValueReader state, Address id) {
    return Schema.APPS.get(state, id.bytes());
  }

  public static Optional<Dataset> dataset(KeyValueReader state, Address id) {
    return Schema.DATASETS.get(state, id.bytes());
  }

  public static Optional<Workerpool> workerpool(KeyValueReader state, Address id) {
    return Schema.WORKERPOOLS.get(state, id.bytes());
  }
}
