package io.poco.core.economics;

import java.util.List;

/**
 * What finalizing or claiming a task moves: the escrow and kitty amounts taken, and the payouts
 * they fund. The two always add up to the same total (no minting, poco.md §8.5 and §8.7).
 */
public record Settlement(List<Debit> debits, List<Payout> payouts) {

  public Settlement {
    debits = List.copyOf(debits);
    payouts = List.copyOf(payouts);
    long in = 0;
    for (Debit d : debits) {
      in = Math.addExact(in, d.amount());
    }
    long out = 0;
    for (Payout p : payouts) {
      out = Math.addExact(out, p.amount());
    }
    if (in != out) {
      throw new IllegalStateException(
          "settlement does not balance: " + in + " in, " + out + " out");
    }
  }

  public long total() {
    long sum = 0;
    for (Payout p : payouts) {
      sum = Math.addExact(sum, p.amount());
    }
    return sum;
  }
}
