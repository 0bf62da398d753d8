package io.poco.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.poco.core.account.AccountKeeper;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Keccak;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.economics.Kitty;
import io.poco.core.exec.BlockContext;
import io.poco.core.exec.ChainEvent;
import io.poco.core.exec.ExecutionResult;
import io.poco.core.exec.Genesis;
import io.poco.core.exec.SupplyAudit;
import io.poco.core.exec.TxProcessor;
import io.poco.core.ids.PocoIds;
import io.poco.core.market.SignedOrders;
import io.poco.core.params.PocoParamsKeeper;
import io.poco.core.registry.RegistryKeeper;
import io.poco.core.tx.DecodeResult;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxDecoder;
import io.poco.core.tx.TxSigning;
import io.poco.proto.v1.Account;
import io.poco.proto.v1.Category;
import io.poco.proto.v1.Contribution;
import io.poco.proto.v1.Deal;
import io.poco.proto.v1.GenesisAccount;
import io.poco.proto.v1.GenesisState;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.PocoParams;
import io.poco.proto.v1.SignedOrder;
import io.poco.proto.v1.Task;
import io.poco.proto.v1.TxBody;
import io.poco.proto.v1.WorkerScore;
import io.poco.state.InMemoryVersionedStore;
import io.poco.state.StateUpdater;
import io.poco.state.VersionedStore;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A PoCo chain in memory for tests: genesis with funded keys, categories and scores chosen by the
 * test, signed transactions executed block by block the way the application does it, a clock the
 * test sets, and the supply invariant checked after every block.
 */
public final class PocoChainFixture {

  public static final String CHAIN_ID = "poco-test";
  public static final long RLC = 1_000_000_000L;
  public static final long START = 1_700_000_000L;

  private final VersionedStore store = new InMemoryVersionedStore();
  private final TxDecoder decoder = new TxDecoder(CHAIN_ID);
  private final TxProcessor processor = TxProcessor.standard();
  private final List<io.poco.core.exec.ChainEvent> blockEvents = new ArrayList<>();
  private final List<BigInteger> keys = new ArrayList<>();
  private long time = START;

  /** {@code accounts} keys, each funded with {@code balanceEach}; default categories. */
  public PocoChainFixture(int accounts, long balanceEach) {
    this(accounts, balanceEach, PocoParamsKeeper.defaults(), new long[0]);
  }

  /** {@code scores[i]} is the initial score of account i (missing ones start at 0). */
  public PocoChainFixture(int accounts, long balanceEach, PocoParams params, long[] scores) {
    GenesisState.Builder genesis =
        GenesisState.newBuilder().setParams(TxDecoder.defaultParams()).setPoco(params);
    for (int i = 0; i < accounts; i++) {
      BigInteger key = BigInteger.valueOf(7_000 + i);
      keys.add(key);
      genesis.addAccounts(
          GenesisAccount.newBuilder()
              .setAddress(Secp256k1.address(key).toHex())
              .setBalance(balanceEach));
      if (i < scores.length && scores[i] > 0) {
        genesis.addWorkerScores(
            WorkerScore.newBuilder()
                .setAddress(Secp256k1.address(key).toHex())
                .setScore(scores[i]));
      }
    }
    StateUpdater block = store.newBlock();
    Genesis.apply(block, genesis.build());
    store.prepare(1, block).persist();
  }

  /** Small categories for fast tests: category 0 has timeref {@code timeref}. */
  public static PocoParams categories(long... timerefs) {
    PocoParams.Builder p = PocoParams.newBuilder();
    for (long t : timerefs) {
      p.addCategories(Category.newBuilder().setName("c" + t).setTimerefSeconds(t));
    }
    return p.build();
  }

  // --- clock and blocks --------------------------------------------------------------------

  public long now() {
    return time;
  }

  /** The time of the next block. */
  public void setTime(long seconds) {
    time = seconds;
  }

  public VersionedStore store() {
    return store;
  }

  public BigInteger key(int i) {
    return keys.get(i);
  }

  public Address address(int i) {
    return Secp256k1.address(keys.get(i));
  }

  /** The begin- and end-of-block events of every block so far. */
  public List<io.poco.core.exec.ChainEvent> blockEvents() {
    return blockEvents;
  }

  /** Executes one block at the current time; checks the supply invariant after it. */
  public List<ExecutionResult> block(List<byte[]> txs) {
    long height = store.lastHeight() + 1;
    BlockContext ctx =
        new BlockContext(
            CHAIN_ID, height, time, Keccak.hash(ByteString.copyFromUtf8("block " + height)));
    StateUpdater block = store.newBlock();
    blockEvents.addAll(processor.beginBlock(block, ctx));
    List<ExecutionResult> results = new ArrayList<>();
    for (byte[] raw : txs) {
      DecodeResult d = decoder.decode(raw, TxDecoder.defaultParams());
      results.add(
          d.isOk() ? processor.execute(block, ctx, d.tx()) : ExecutionResult.rejected(d.outcome()));
    }
    blockEvents.addAll(processor.endBlock(block, ctx));
    store.prepare(height, block).persist();
    assertEquals("", SupplyAudit.check(store.latest()), "supply invariant after block " + height);
    return results;
  }

  /** Writes state directly in a block of its own (for conditions no message creates yet). */
  public void poke(java.util.function.Consumer<StateUpdater> writes) {
    long height = store.lastHeight() + 1;
    StateUpdater block = store.newBlock();
    writes.accept(block);
    store.prepare(height, block).persist();
  }

  /** A signed transaction of {@code signer} with its next nonce (as of the last block). */
  public byte[] tx(int signer, Msg... msgs) {
    return tx(signer, account(address(signer)).getNonce(), msgs);
  }

  public byte[] tx(int signer, long nonce, Msg... msgs) {
    TxBody body =
        TxBody.newBuilder()
            .setChainId(CHAIN_ID)
            .setNonce(nonce)
            .setSender(address(signer).bytes())
            .addAllMessages(List.of(msgs))
            .build();
    return TxSigning.sign(body, keys.get(signer)).toByteArray();
  }

  /** One transaction in its own block. */
  public ExecutionResult exec(int signer, Msg... msgs) {
    return block(List.of(tx(signer, msgs))).get(0);
  }

  /** One transaction in its own block, which must succeed. */
  public ExecutionResult ok(int signer, Msg... msgs) {
    ExecutionResult r = exec(signer, msgs);
    assertEquals(TxCode.OK, r.outcome().code(), r.outcome().log());
    return r;
  }

  // --- reads -------------------------------------------------------------------------------

  public Account account(Address address) {
    return AccountKeeper.get(store.latest(), address);
  }

  public long balance(int i) {
    return account(address(i)).getBalance();
  }

  public long locked(int i) {
    return account(address(i)).getLocked();
  }

  public Task task(ByteString taskId) {
    return TaskKeeper.task(store.latest(), taskId).orElseThrow();
  }

  public Deal deal(ByteString dealId) {
    return TaskKeeper.deal(store.latest(), dealId).orElseThrow();
  }

  public Contribution contribution(ByteString taskId, int worker) {
    return TaskKeeper.contribution(store.latest(), taskId, address(worker)).orElseThrow();
  }

  public long score(int i) {
    return TaskKeeper.score(store.latest(), address(i));
  }

  public long kitty() {
    return Kitty.balance(store.latest());
  }

  /** Account {@code i}'s pending entries (reversal window, poco.md §7). */
  public List<io.poco.proto.v1.PendingEntry> pendingEntries(int i) {
    return io.poco.core.economics.PendingSettlement.of(store.latest(), address(i));
  }

  /** The sum of account {@code i}'s pending entries. */
  public long pending(int i) {
    long sum = 0;
    for (io.poco.proto.v1.PendingEntry e : pendingEntries(i)) {
      sum = Math.addExact(sum, e.getAmount());
    }
    return sum;
  }

  /** The chain's pending total. */
  public long pendingTotal() {
    return io.poco.core.economics.PendingSettlement.total(store.latest());
  }

  /** Runs an empty block at {@code finalTime + reversal window} of {@code taskId}: its release. */
  public void passReversalWindow(ByteString taskId) {
    time =
        Math.max(
            time, task(taskId).getFinalTime() + PocoParamsKeeper.reversalWindow(store.latest()));
    block(List.of());
  }

  // --- signing helpers ---------------------------------------------------------------------

  public SignedOrder sign(int signer, Message order) {
    return SignedOrders.sign(CHAIN_ID, order, keys.get(signer));
  }

  /** The id the owner's next registration gets. */
  public Address nextId(int owner, String kind) {
    long nonce = RegistryKeeper.nextNonce(store.latest(), address(owner));
    return switch (kind) {
      case "app" -> PocoIds.appId(address(owner), nonce);
      case "dataset" -> PocoIds.datasetId(address(owner), nonce);
      default -> PocoIds.workerpoolId(address(owner), nonce);
    };
  }

  /** The value of attribute {@code key} of the first event of {@code type}. */
  public static String attr(ExecutionResult r, String type, String key) {
    for (ChainEvent e : r.events()) {
      if (e.type().equals(type)) {
        for (ChainEvent.Attribute a : e.attributes()) {
          if (a.key().equals(key)) {
            return a.value();
          }
        }
      }
    }
    throw new AssertionError("no " + type + "." + key + " in " + r.events());
  }

  /** Every event of {@code type}. */
  public static List<ChainEvent> events(ExecutionResult r, String type) {
    List<ChainEvent> out = new ArrayList<>();
    for (ChainEvent e : r.events()) {
      if (e.type().equals(type)) {
        out.add(e);
      }
    }
    assertTrue(out.size() >= 0);
    return out;
  }

  public static String value(ChainEvent e, String key) {
    for (ChainEvent.Attribute a : e.attributes()) {
      if (a.key().equals(key)) {
        return a.value();
      }
    }
    return null;
  }
}
