package io.poco.core.exec;

import com.google.protobuf.ByteString;
import io.poco.core.account.AccountKeeper;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.tx.DecodeResult;
import io.poco.core.tx.DecodedTx;
import io.poco.core.tx.TxDecoder;
import io.poco.core.tx.TxSigning;
import io.poco.proto.v1.Account;
import io.poco.proto.v1.GenesisAccount;
import io.poco.proto.v1.GenesisState;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgSend;
import io.poco.proto.v1.Tx;
import io.poco.proto.v1.TxBody;
import io.poco.state.InMemoryVersionedStore;
import io.poco.state.StateUpdater;
import io.poco.state.VersionedStore;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A chain in memory for tests: genesis with funded keys 1..n, signed transactions, and blocks
 * executed and committed the way the application does it.
 */
public final class ChainFixture {

  public static final String CHAIN_ID = "test-chain";

  private final VersionedStore store = new InMemoryVersionedStore();
  private final TxDecoder decoder = new TxDecoder(CHAIN_ID);
  private final TxProcessor processor = TxProcessor.standard();
  private final List<BigInteger> keys = new ArrayList<>();
  private long time = 1_700_000_000L;

  public ChainFixture(int accounts, long balanceEach) {
    GenesisState.Builder genesis = GenesisState.newBuilder().setParams(TxDecoder.defaultParams());
    for (int i = 1; i <= accounts; i++) {
      BigInteger key = BigInteger.valueOf(1000 + i);
      keys.add(key);
      genesis.addAccounts(
          GenesisAccount.newBuilder()
              .setAddress(Secp256k1.address(key).toHex())
              .setBalance(balanceEach));
    }
    StateUpdater block = store.newBlock();
    Genesis.apply(block, genesis.build());
    store.prepare(1, block).persist();
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

  public Account account(Address address) {
    return AccountKeeper.get(store.latest(), address);
  }

  public static Msg send(Address to, long amount) {
    return Msg.newBuilder()
        .setSend(MsgSend.newBuilder().setTo(to.bytes()).setAmount(amount))
        .build();
  }

  public Tx tx(int signer, long nonce, long fee, Msg... msgs) {
    TxBody body =
        TxBody.newBuilder()
            .setChainId(CHAIN_ID)
            .setNonce(nonce)
            .setSender(address(signer).bytes())
            .setFee(fee)
            .addAllMessages(List.of(msgs))
            .build();
    return TxSigning.sign(body, keys.get(signer));
  }

  /** Executes a block of raw transactions and commits it; returns one result per transaction. */
  public List<ExecutionResult> block(List<byte[]> txs) {
    long height = store.lastHeight() + 1;
    time += 1;
    BlockContext ctx = new BlockContext(CHAIN_ID, height, time, ByteString.EMPTY);
    StateUpdater block = store.newBlock();
    processor.beginBlock(block, ctx);
    List<ExecutionResult> results = new ArrayList<>();
    for (byte[] raw : txs) {
      DecodeResult d = decoder.decode(raw, TxDecoder.defaultParams());
      results.add(
          d.isOk() ? processor.execute(block, ctx, d.tx()) : ExecutionResult.rejected(d.outcome()));
    }
    processor.endBlock(block, ctx);
    store.prepare(height, block).persist();
    return results;
  }

  /** {@code tx} decoded as a block or the mempool would decode it; fails if it does not decode. */
  public DecodedTx decoded(Tx tx) {
    DecodeResult d = decoder.decode(tx.toByteArray(), TxDecoder.defaultParams());
    if (!d.isOk()) {
      throw new AssertionError(d.outcome().log());
    }
    return d.tx();
  }

  public ExecutionResult blockOf(Tx tx) {
    return block(List.of(tx.toByteArray())).get(0);
  }
}
