package io.poco.core.verify;

import com.google.protobuf.ByteString;
import io.poco.core.account.AccountKeeper;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Keccak;
import io.poco.core.economics.Escrow;
import io.poco.core.economics.Kitty;
import io.poco.core.exec.Schema;
import io.poco.proto.v1.Verifier;
import io.poco.state.KeyValueReader;
import io.poco.state.StateUpdater;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Registered verifiers, their bonds, and the bond-weighted draw of poco.md §6. */
public final class VerifierKeeper {

  /** Percent of its bond a verifier loses for a missed deadline. */
  public static final long TIMEOUT_PENALTY_PERCENT = 10;

  private VerifierKeeper() {}

  public static Optional<Verifier> get(KeyValueReader state, Address verifier) {
    return Schema.VERIFIERS.get(state, verifier.bytes());
  }

  static void put(StateUpdater state, Address verifier, Verifier record) {
    Schema.VERIFIERS.put(state, verifier.bytes(), record);
  }

  /** Changes the count of checks {@code verifier} is assigned to (if it is still registered). */
  static void assigned(StateUpdater state, Address verifier, int delta) {
    get(state, verifier)
        .ifPresent(
            v ->
                put(
                    state,
                    verifier,
                    v.toBuilder().setOpenChecks(Math.max(0, v.getOpenChecks() + delta)).build()));
  }

  /** Takes 10 % of the bond to the kitty; returns the amount (0 if no longer registered). */
  static long penalize(StateUpdater state, Address verifier) {
    Optional<Verifier> found = get(state, verifier);
    if (found.isEmpty()) {
      return 0;
    }
    long penalty = found.get().getBond() * TIMEOUT_PENALTY_PERCENT / 100;
    Escrow.takeLocked(state, verifier, penalty);
    Kitty.add(state, penalty);
    put(state, verifier, found.get().toBuilder().setBond(found.get().getBond() - penalty).build());
    return penalty;
  }

  /**
   * Takes the whole bond of a verifier that lost a dispute and deregisters it; returns the bond
   * (the caller pays it to the winners).
   */
  static long forfeitBond(StateUpdater state, Address verifier) {
    Optional<Verifier> found = get(state, verifier);
    if (found.isEmpty()) {
      return 0;
    }
    long bond = found.get().getBond();
    Escrow.takeLocked(state, verifier, bond);
    Schema.VERIFIERS.delete(state, verifier.bytes());
    return bond;
  }

  /** Pays {@code amount} to {@code winners} in equal parts; the remainder goes to the first. */
  static void share(StateUpdater state, long amount, List<Address> winners) {
    if (amount <= 0 || winners.isEmpty()) {
      return;
    }
    long each = amount / winners.size();
    for (Address w : winners) {
      AccountKeeper.credit(state, w, each);
    }
    AccountKeeper.credit(state, winners.get(0), amount - each * winners.size());
  }

  /**
   * Draws up to {@code count} verifiers, weighted by bond, among the registered ones not in {@code
   * excluded}: draw {@code i} takes {@code uint256(keccak256(seed ‖ taskId ‖ uint32(first + i)))
   * mod total bond} and walks the candidates in address order. Each drawn verifier leaves the
   * candidates.
   */
  static List<Address> draw(
      KeyValueReader state,
      ByteString seed,
      ByteString taskId,
      int first,
      int count,
      Set<Address> excluded) {
    List<Address> candidates = new ArrayList<>();
    List<Long> bonds = new ArrayList<>();
    Schema.VERIFIERS.scan(
        state,
        null,
        Integer.MAX_VALUE,
        (address, v) -> {
          Address a = new Address(address);
          if (v.getBond() > 0 && !excluded.contains(a)) {
            candidates.add(a);
            bonds.add(v.getBond());
          }
          return true;
        });
    List<Address> drawn = new ArrayList<>();
    for (int i = 0; i < count && !candidates.isEmpty(); i++) {
      BigInteger total = BigInteger.ZERO;
      for (long b : bonds) {
        total = total.add(BigInteger.valueOf(b));
      }
      ByteString index = ByteString.copyFrom(ByteBuffer.allocate(4).putInt(first + i).array());
      BigInteger x = new BigInteger(1, Keccak.hash(seed, taskId, index).toByteArray()).mod(total);
      int k = 0;
      while (x.compareTo(BigInteger.valueOf(bonds.get(k))) >= 0) {
        x = x.subtract(BigInteger.valueOf(bonds.get(k)));
        k++;
      }
      drawn.add(candidates.remove(k));
      bonds.remove(k);
    }
    return drawn;
  }
}
