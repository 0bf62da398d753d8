package io.poco.core.exec;

import io.poco.core.account.AccountKeeper;
import io.poco.core.bank.SendHandler;
import io.poco.core.staking.StakingHandlers;
import io.poco.core.task.PocoHandlers;
import io.poco.core.tx.DecodeResult;
import io.poco.core.tx.DecodedTx;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxDecoder;
import io.poco.core.tx.TxOutcome;
import io.poco.core.verify.SpotChecks;
import io.poco.core.verify.VerifyHandlers;
import io.poco.proto.v1.Account;
import io.poco.proto.v1.ChainParams;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.Supply;
import io.poco.state.StateUpdater;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Applies a decoded transaction to staged state (chain.md §1): message checks, nonce, fee; then the
 * messages in order and atomically. A transaction that passes the nonce and fee checks always
 * advances the nonce and pays the fee, even when a message fails. FinalizeBlock runs all of it
 * ({@link #execute}); CheckTx runs only the checks, the nonce and the fee against the mempool's
 * state ({@link #admit}, chain.md §3).
 */
public final class TxProcessor {

  private final Map<Msg.SumCase, MsgHandler> handlers = new EnumMap<>(Msg.SumCase.class);

  public TxProcessor(List<MsgHandler> handlers) {
    for (MsgHandler handler : handlers) {
      if (this.handlers.put(handler.kind(), handler) != null) {
        throw new IllegalArgumentException("two handlers for " + handler.kind());
      }
    }
  }

  /** The processor with every message kind of the chain. */
  public static TxProcessor standard() {
    List<MsgHandler> all = new ArrayList<>();
    all.add(new SendHandler());
    all.addAll(PocoHandlers.all());
    all.addAll(StakingHandlers.all());
    all.addAll(VerifyHandlers.all());
    return new TxProcessor(all);
  }

  /**
   * Runs at the start of every block, before its transactions: moves on the spot-checks whose
   * deadlines have come (timeouts, and checks still open at their task's window end resolve in
   * favour of the consensus, poco.md §6), then releases the pending entries due at the block's time
   * (§7), so a transaction of the block can already spend them. Returns the block's events.
   */
  public List<ChainEvent> beginBlock(StateUpdater state, BlockContext block) {
    List<ChainEvent> events = new ArrayList<>(SpotChecks.processDeadlines(state, block));
    events.addAll(PendingRelease.run(state, block));
    return events;
  }

  /**
   * Runs at the end of every block, after its transactions: draws the spot-checks of the tasks
   * completed in it, seeded by the block hash (poco.md §6). Returns the block's events.
   */
  public List<ChainEvent> endBlock(StateUpdater state, BlockContext block) {
    return SpotChecks.drawCompleted(state, block);
  }

  /** Blocks with at least this many transactions are decoded and prefetched in parallel. */
  static final int PARALLEL_DECODE_THRESHOLD = 8;

  /**
   * Decodes a block's transactions (signatures recovered) and recovers the signatures their
   * messages carry ({@link MsgHandler#prefetch}), in parallel from {@link
   * #PARALLEL_DECODE_THRESHOLD} transactions on. The results are in the block's order, for {@link
   * #execute} one by one; decoding and recovery are pure, so the parallelism changes nothing.
   */
  public DecodeResult[] decodeBlock(TxDecoder decoder, List<byte[]> txs, ChainParams params) {
    IntStream indexes = IntStream.range(0, txs.size());
    if (txs.size() >= PARALLEL_DECODE_THRESHOLD) {
      indexes = indexes.parallel();
    }
    DecodeResult[] decoded = new DecodeResult[txs.size()];
    indexes.forEach(
        i -> {
          decoded[i] = decoder.decode(txs.get(i), params);
          if (decoded[i].isOk()) {
            prefetch(decoded[i].tx());
          }
        });
    return decoded;
  }

  /** The chain id the messages' signatures cover is the transaction's, which decoding checked. */
  private void prefetch(DecodedTx tx) {
    String chainId = tx.body().getChainId();
    for (Msg msg : tx.body().getMessagesList()) {
      MsgHandler handler = handlers.get(msg.getSumCase());
      if (handler != null) {
        handler.prefetch(chainId, msg);
      }
    }
  }

  /**
   * What CheckTx decides (chain.md §3): the messages' kinds and stateless checks, then the nonce
   * and the fee against {@code state}, which it advances and charges when they pass, so that a
   * sender can queue several transactions. The messages are not executed: a transaction admitted
   * here can still fail in its block, where it pays its fee and uses its nonce all the same. The
   * signatures the messages carry are recovered here, off the block's critical path, for {@link
   * #execute} to find in the recovery memo.
   */
  public TxOutcome admit(StateUpdater state, DecodedTx tx) {
    TxOutcome charged = checkAndCharge(state, tx);
    if (charged.isOk()) {
      prefetch(tx);
    }
    return charged;
  }

  public ExecutionResult execute(StateUpdater state, BlockContext block, DecodedTx tx) {
    TxOutcome charged = checkAndCharge(state, tx);
    if (!charged.isOk()) {
      return ExecutionResult.rejected(charged);
    }
    long nonce = tx.body().getNonce();
    long fee = tx.body().getFee();
    List<ChainEvent> events = new ArrayList<>();
    events.add(
        ChainEvent.of("tx")
            .attr("sender", tx.sender())
            .attr("nonce", nonce)
            .attr("fee", fee)
            .build());
    List<Msg> messages = tx.body().getMessagesList();
    StateUpdater messagesState = state.nested();
    List<ChainEvent> messageEvents = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      Msg msg = messages.get(i);
      MsgContext context = new MsgContext(messagesState, block, tx.sender(), messageEvents);
      TxOutcome outcome = handlers.get(msg.getSumCase()).execute(context, msg);
      if (!outcome.isOk()) {
        messagesState.revert();
        return new ExecutionResult(atIndex(i, outcome), events);
      }
    }
    messagesState.commit();
    events.addAll(messageEvents);
    return new ExecutionResult(TxOutcome.OK, events);
  }

  /**
   * The message checks, the nonce and the fee; when all pass, advances the nonce and moves the fee
   * to the fee pool. Writes nothing when it fails.
   */
  private TxOutcome checkAndCharge(StateUpdater state, DecodedTx tx) {
    List<Msg> messages = tx.body().getMessagesList();
    for (int i = 0; i < messages.size(); i++) {
      Msg msg = messages.get(i);
      MsgHandler handler = handlers.get(msg.getSumCase());
      if (handler == null) {
        return TxOutcome.fail(
            TxCode.UNKNOWN_MESSAGE,
            "message " + i + ": unknown or empty message type (" + msg.getSumCase() + ")");
      }
      TxOutcome valid = handler.validate(msg);
      if (!valid.isOk()) {
        return atIndex(i, valid);
      }
    }
    Account account = AccountKeeper.get(state, tx.sender());
    long nonce = tx.body().getNonce();
    if (nonce != account.getNonce()) {
      TxCode code =
          Long.compareUnsigned(nonce, account.getNonce()) < 0
              ? TxCode.NONCE_TOO_LOW
              : TxCode.NONCE_TOO_HIGH;
      return TxOutcome.fail(
          code,
          "nonce "
              + Long.toUnsignedString(nonce)
              + " but the next nonce of "
              + tx.sender()
              + " is "
              + account.getNonce());
    }
    long fee = tx.body().getFee();
    if (account.getBalance() < fee) {
      return TxOutcome.fail(
          TxCode.INSUFFICIENT_FEE_FUNDS,
          tx.sender() + " has " + account.getBalance() + " nRLC, cannot pay the fee " + fee);
    }
    AccountKeeper.put(
        state,
        tx.sender(),
        account.toBuilder().setBalance(account.getBalance() - fee).setNonce(nonce + 1).build());
    collectFee(state, fee);
    return TxOutcome.OK;
  }

  private static void collectFee(StateUpdater state, long fee) {
    if (fee == 0) {
      return;
    }
    Supply supply = Schema.SUPPLY.get(state, Schema.SINGLETON).orElseThrow();
    Schema.SUPPLY.put(
        state,
        Schema.SINGLETON,
        supply.toBuilder().setFeePool(Math.addExact(supply.getFeePool(), fee)).build());
  }

  private static TxOutcome atIndex(int index, TxOutcome outcome) {
    return new TxOutcome(outcome.code(), "message " + index + ": " + outcome.log());
  }
}
