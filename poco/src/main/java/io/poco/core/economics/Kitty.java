package io.poco.core.economics;

import io.poco.core.exec.Schema;
import io.poco.state.KeyValueReader;
import io.poco.state.StateUpdater;

/** The kitty: scheduler stakes seized from failed tasks, paid back out as scheduler bonuses. */
public final class Kitty {

  private Kitty() {}

  public static long balance(KeyValueReader state) {
    return Schema.KITTY.get(state, Schema.SINGLETON).orElse(0L);
  }

  /** Adds to the kitty (seized stakes, forfeits, penalties). */
  public static void add(StateUpdater state, long amount) {
    Schema.KITTY.put(state, Schema.SINGLETON, Math.addExact(balance(state), amount));
  }

  /** Takes from the kitty; more than it holds is a broken invariant. */
  public static void take(StateUpdater state, long amount) {
    long kitty = balance(state);
    if (amount < 0 || kitty < amount) {
      throw new IllegalStateException("kitty invariant broken: " + kitty + " < " + amount);
    }
    Schema.KITTY.put(state, Schema.SINGLETON, kitty - amount);
  }
}
