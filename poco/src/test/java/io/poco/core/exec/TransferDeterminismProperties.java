package io.poco.core.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Replays the same random blocks of transfers (valid, overdrawn, replayed, skipped nonces) on two
 * fresh chains: the app hashes agree after every block and the supply invariant always holds.
 */
class TransferDeterminismProperties {

  record Transfer(int from, int to, long amount, long fee, int nonceSkew) {}

  @Provide
  Arbitrary<List<List<Transfer>>> blocks() {
    Arbitrary<Transfer> transfer =
        Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 3),
                Arbitraries.longs().between(1, 400),
                Arbitraries.longs().between(0, 20),
                Arbitraries.integers().between(-1, 1))
            .as(Transfer::new);
    return transfer.list().ofMaxSize(8).list().ofMinSize(1).ofMaxSize(6);
  }

  @Property(tries = 60)
  void twoFreshChainsComputeTheSameAppHashes(@ForAll("blocks") List<List<Transfer>> blocks) {
    ChainFixture a = new ChainFixture(4, 1000);
    ChainFixture b = new ChainFixture(4, 1000);
    long[] nonces = new long[4];
    for (List<Transfer> block : blocks) {
      List<byte[]> txs = new ArrayList<>();
      for (Transfer t : block) {
        long nonce = Math.max(0, nonces[t.from()] + t.nonceSkew());
        txs.add(
            a.tx(t.from(), nonce, t.fee(), ChainFixture.send(a.address(t.to()), t.amount()))
                .toByteArray());
        if (nonce == nonces[t.from()]) {
          nonces[t.from()]++;
        }
      }
      List<ExecutionResult> ra = a.block(txs);
      List<ExecutionResult> rb = b.block(txs);
      assertEquals(ra, rb);
      assertEquals(a.store().lastRoot(), b.store().lastRoot());
      assertEquals("", SupplyAudit.check(a.store().latest()));
      for (int i = 0; i < 4; i++) {
        nonces[i] = a.account(a.address(i)).getNonce();
      }
    }
  }
}
