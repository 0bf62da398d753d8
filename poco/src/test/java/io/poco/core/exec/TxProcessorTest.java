package io.poco.core.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.poco.core.account.AccountKeeper;
import io.poco.core.crypto.Address;
import io.poco.core.tx.TxCode;
import io.poco.proto.v1.Account;
import io.poco.proto.v1.Msg;
import java.util.List;
import org.junit.jupiter.api.Test;

class TxProcessorTest {

  private static final long RLC = 1_000_000_000L;

  private final ChainFixture chain = new ChainFixture(3, 100 * RLC);

  @Test
  void transferMovesSpendableBalanceAndAdvancesTheNonce() {
    Address a = chain.address(0);
    Address b = chain.address(1);
    ExecutionResult r = chain.blockOf(chain.tx(0, 0, 5, ChainFixture.send(b, 10 * RLC)));
    assertEquals(TxCode.OK, r.outcome().code(), r.outcome().log());
    assertEquals(100 * RLC - 10 * RLC - 5, chain.account(a).getBalance());
    assertEquals(1, chain.account(a).getNonce());
    assertEquals(110 * RLC, chain.account(b).getBalance());
    assertEquals("transfer", r.events().get(1).type());
    assertEquals("", SupplyAudit.check(chain.store().latest()));
  }

  @Test
  void overdraftFailsButPaysTheFeeAndAdvancesTheNonce() {
    Address a = chain.address(0);
    ExecutionResult r =
        chain.blockOf(chain.tx(0, 0, 7, ChainFixture.send(chain.address(1), 101 * RLC)));
    assertEquals(TxCode.INSUFFICIENT_FUNDS, r.outcome().code());
    Account after = chain.account(a);
    assertEquals(100 * RLC - 7, after.getBalance());
    assertEquals(1, after.getNonce());
    assertEquals(100 * RLC, chain.account(chain.address(1)).getBalance());
    assertEquals("", SupplyAudit.check(chain.store().latest()));
  }

  @Test
  void messagesOfOneTransactionAreAtomic() {
    Address b = chain.address(1);
    Address c = chain.address(2);
    ExecutionResult r =
        chain.blockOf(
            chain.tx(0, 0, 0, ChainFixture.send(b, 60 * RLC), ChainFixture.send(c, 60 * RLC)));
    assertEquals(TxCode.INSUFFICIENT_FUNDS, r.outcome().code());
    assertEquals(100 * RLC, chain.account(b).getBalance());
    assertEquals(100 * RLC, chain.account(c).getBalance());
    assertEquals(100 * RLC, chain.account(chain.address(0)).getBalance());
  }

  @Test
  void replayedAndSkippedNoncesAreRefusedWithoutStateChange() {
    chain.blockOf(chain.tx(0, 0, 0, ChainFixture.send(chain.address(1), RLC)));
    var rootBefore = chain.store().lastRoot();
    List<ExecutionResult> r =
        chain.block(
            List.of(
                chain.tx(0, 0, 0, ChainFixture.send(chain.address(1), RLC)).toByteArray(),
                chain.tx(0, 5, 0, ChainFixture.send(chain.address(1), RLC)).toByteArray()));
    assertEquals(TxCode.NONCE_TOO_LOW, r.get(0).outcome().code());
    assertEquals(TxCode.NONCE_TOO_HIGH, r.get(1).outcome().code());
    assertEquals(rootBefore, chain.store().lastRoot());
  }

  @Test
  void admitChargesTheFeeAndTheNonceButRunsNoMessage() {
    Address a = chain.address(0);
    Address b = chain.address(1);
    var mempool = chain.store().newBlock();
    TxProcessor processor = TxProcessor.standard();
    var overdraft = chain.decoded(chain.tx(0, 0, 7, ChainFixture.send(b, 101 * RLC)));
    assertEquals(TxCode.OK, processor.admit(mempool, overdraft).code());
    Account queued = AccountKeeper.get(mempool, a);
    assertEquals(100 * RLC - 7, queued.getBalance());
    assertEquals(1, queued.getNonce());
    assertEquals(100 * RLC, AccountKeeper.get(mempool, b).getBalance());
    // the same bytes again: the mempool's state already used the nonce
    assertEquals(TxCode.NONCE_TOO_LOW, processor.admit(mempool, overdraft).code());
    var zero = chain.decoded(chain.tx(0, 1, 0, ChainFixture.send(b, 0)));
    assertEquals(TxCode.INVALID_AMOUNT, processor.admit(mempool, zero).code());
    assertEquals(1, AccountKeeper.get(mempool, a).getNonce());
  }

  @Test
  void feeBeyondTheBalanceIsRefused() {
    ExecutionResult r =
        chain.blockOf(chain.tx(0, 0, 101 * RLC, ChainFixture.send(chain.address(1), 1)));
    assertEquals(TxCode.INSUFFICIENT_FEE_FUNDS, r.outcome().code());
    assertEquals(0, chain.account(chain.address(0)).getNonce());
  }

  @Test
  void invalidMessagesAreRefusedStatelessly() {
    ExecutionResult zero = chain.blockOf(chain.tx(0, 0, 0, ChainFixture.send(chain.address(1), 0)));
    assertEquals(TxCode.INVALID_AMOUNT, zero.outcome().code());
    ExecutionResult huge =
        chain.blockOf(chain.tx(0, 0, 0, ChainFixture.send(chain.address(1), -1)));
    assertEquals(TxCode.INVALID_AMOUNT, huge.outcome().code());
    assertEquals(0, chain.account(chain.address(0)).getNonce());
  }

  @Test
  void everyStateChangeChangesTheRoot() {
    var before = chain.store().lastRoot();
    chain.blockOf(chain.tx(0, 0, 0, ChainFixture.send(chain.address(1), 1)));
    assertNotEquals(before, chain.store().lastRoot());
  }

  @Test
  void anEmptyMessageIsAnUnknownKind() {
    ExecutionResult r = chain.blockOf(chain.tx(0, 0, 0, Msg.getDefaultInstance()));
    assertEquals(TxCode.UNKNOWN_MESSAGE, r.outcome().code());
  }
}
