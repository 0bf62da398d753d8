package io.poco.core.economics;

import io.poco.core.crypto.Address;

/**
 * One credit of a settlement: {@code amount} nRLC to {@code recipient}'s spendable balance, or to
 * the kitty when the kind is {@link PayoutKind#TO_KITTY} (the recipient is then the zero address).
 */
public record Payout(Address recipient, long amount, PayoutKind kind) {

  public Payout {
    if (amount <= 0) {
      throw new IllegalArgumentException("a payout is positive");
    }
  }
}
