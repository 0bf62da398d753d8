package io.poco.core.economics;

import io.poco.core.crypto.Address;

/**
 * One source of a settlement: {@code amount} nRLC taken from {@code from}'s locked escrow, or from
 * the kitty when {@code fromKitty} (the address is then the zero address).
 */
public record Debit(Address from, long amount, boolean fromKitty) {

  public Debit {
    if (amount <= 0) {
      throw new IllegalArgumentException("a debit is positive");
    }
  }
}
