package io.poco.core.staking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.poco.core.account.AccountKeeper;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Keccak;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.exec.BlockContext;
import io.poco.core.exec.ChainEvent;
import io.poco.core.exec.ExecutionResult;
import io.poco.core.exec.Genesis;
import io.poco.core.exec.SupplyAudit;
import io.poco.core.exec.TxProcessor;
import io.poco.core.tx.DecodeResult;
import io.poco.core.tx.TxDecoder;
import io.poco.core.tx.TxSigning;
import io.poco.proto.v1.Account;
import io.poco.proto.v1.GenesisAccount;
import io.poco.proto.v1.GenesisState;
import io.poco.proto.v1.GenesisValidator;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.StakingParams;
import io.poco.proto.v1.TxBody;
import io.poco.proto.v1.Validator;
import io.poco.state.InMemoryVersionedStore;
import io.poco.state.StateUpdater;
import io.poco.state.VersionedStore;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * A chain in memory that drives the staking module the way CometBFT drives the application: the
 * validator set of each height is CometBFT's (genesis, then each block's updates applied two
 * heights later), {@code decided_last_commit} lists that set with the votes the test chooses, and
 * every block checks that the application's view of the set agrees and that the supply invariant
 * holds.
 */
final class StakingChain {

  static final String CHAIN_ID = "staking-test";
  static final long RLC = 1_000_000_000L;
  static final long START = 1_700_000_000L;

  private final VersionedStore store = new InMemoryVersionedStore();
  private final TxDecoder decoder = new TxDecoder(CHAIN_ID);
  private final TxProcessor processor = TxProcessor.standard();
  private final List<BigInteger> operatorKeys = new ArrayList<>();
  private final TreeMap<Long, TreeMap<ByteString, Long>> cometSets = new TreeMap<>();
  private final List<ChainEvent> events = new ArrayList<>();
  private final long[] issued = new long[64];
  private long time = START;
  private StateUpdater genesis;

  /**
   * Genesis with {@code accounts} funded operator keys, the first {@code validators} of them staked
   * with {@code stakes[i]} nRLC each.
   */
  StakingChain(StakingParams params, int accounts, long balance, long... stakes) {
    GenesisState.Builder g = GenesisState.newBuilder().setParams(TxDecoder.defaultParams());
    g.setStaking(params);
    for (int i = 0; i < accounts; i++) {
      BigInteger key = BigInteger.valueOf(7000 + i);
      operatorKeys.add(key);
      g.addAccounts(
          GenesisAccount.newBuilder()
              .setAddress(Secp256k1.address(key).toHex())
              .setBalance(balance));
    }
    for (int i = 0; i < stakes.length; i++) {
      g.addValidators(
          GenesisValidator.newBuilder()
              .setOperator(operator(i).toHex())
              .setConsensusPubkey(Base64.getEncoder().encodeToString(pubkey(i).toByteArray()))
              .setBridgeAddress(operator(i).toHex())
              .setMoniker("v" + i)
              .setStake(stakes[i]));
    }
    genesis = store.newBlock();
    Genesis.apply(genesis, g.build());
    TreeMap<ByteString, Long> initial =
        new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    for (PowerChange c : StakingGenesis.initialSet(genesis)) {
      initial.put(ConsensusKeys.address(c.pubkey()), c.power());
    }
    cometSets.put(1L, initial);
    cometSets.put(2L, initial);
  }

  static StakingParams params() {
    return StakingParamsKeeper.defaults().toBuilder().setSignedBlocksWindow(10).build();
  }

  /** The Ed25519 public key standing for validator {@code i} (any 32 bytes do for the app). */
  static ByteString pubkey(int i) {
    return Keccak.hash(ByteString.copyFromUtf8("consensus key " + i));
  }

  static ByteString consensusAddress(int i) {
    return ConsensusKeys.address(pubkey(i));
  }

  Address operator(int i) {
    return Secp256k1.address(operatorKeys.get(i));
  }

  long height() {
    return store.lastHeight();
  }

  long time() {
    return time;
  }

  /** CometBFT's validator set (consensus address → power) at {@code height}. */
  TreeMap<ByteString, Long> cometSet(long height) {
    return cometSets.get(height);
  }

  Validator validator(int i) {
    return StakingKeeper.validator(store.latest(), operator(i)).orElseThrow();
  }

  Account account(int i) {
    return AccountKeeper.get(store.latest(), operator(i));
  }

  VersionedStore store() {
    return store;
  }

  List<ChainEvent> events() {
    return events;
  }

  /**
   * A signed transaction of operator {@code i} for the next block, with the nonce that follows the
   * committed one and those issued since (a transaction refused before its nonce is checked does
   * not use one: issue it last).
   */
  byte[] tx(int i, long fee, Msg... msgs) {
    TxBody body =
        TxBody.newBuilder()
            .setChainId(CHAIN_ID)
            .setNonce(AccountKeeper.get(store.latest(), operator(i)).getNonce() + issued[i]++)
            .setSender(operator(i).bytes())
            .setFee(fee)
            .addAllMessages(List.of(msgs))
            .build();
    return TxSigning.sign(body, operatorKeys.get(i)).toByteArray();
  }

  /** A block {@code seconds} after the last, every validator signing. */
  List<ExecutionResult> block(long seconds, byte[]... txs) {
    return block(seconds, Set.of(), List.of(), txs);
  }

  /**
   * A block {@code seconds} after the last in which the validators whose consensus addresses are in
   * {@code absent} did not sign the previous block, CometBFT reports {@code misbehavior}, and the
   * validator with the lowest address proposes.
   */
  List<ExecutionResult> block(
      long seconds, Set<ByteString> absent, List<Infraction> misbehavior, byte[]... txs) {
    long height = store.lastHeight() + 1;
    time += seconds;
    List<CommitVote> lastCommit = new ArrayList<>();
    if (height > 1) {
      cometSets
          .get(height - 1)
          .forEach(
              (address, power) ->
                  lastCommit.add(
                      new CommitVote(
                          address,
                          power,
                          absent.contains(address) ? VoteFlag.ABSENT : VoteFlag.COMMIT)));
    }
    BlockContext ctx =
        new BlockContext(CHAIN_ID, height, time, Keccak.hash(ByteString.copyFromUtf8("" + height)));
    StateUpdater block = height == 1 ? genesis : store.newBlock();
    genesis = null;
    assertEquals(
        java.util.Optional.empty(),
        StakingBlock.checkCommit(block, height, lastCommit),
        "the application's validator set differs from CometBFT's");
    events.addAll(processor.beginBlock(block, ctx));
    ByteString proposer = cometSets.get(height).firstKey();
    StakingBlock.begin(block, height, time, lastCommit, misbehavior, proposer, events);
    List<ExecutionResult> results = new ArrayList<>();
    for (byte[] raw : txs) {
      DecodeResult d = decoder.decode(raw, TxDecoder.defaultParams());
      ExecutionResult r =
          d.isOk() ? processor.execute(block, ctx, d.tx()) : ExecutionResult.rejected(d.outcome());
      events.addAll(r.events());
      results.add(r);
    }
    events.addAll(processor.endBlock(block, ctx));
    List<PowerChange> updates = StakingBlock.end(block, height, time, events);
    TreeMap<ByteString, Long> next = new TreeMap<>(cometSets.get(height + 1));
    for (PowerChange c : updates) {
      ByteString address = ConsensusKeys.address(c.pubkey());
      if (c.power() == 0) {
        if (next.remove(address) == null) {
          throw new AssertionError("CometBFT refuses to remove an absent validator " + address);
        }
      } else {
        next.put(address, c.power());
      }
    }
    if (next.isEmpty()) {
      throw new AssertionError("CometBFT halts on an empty validator set");
    }
    cometSets.put(height + 2, next);
    store.prepare(height, block).persist();
    java.util.Arrays.fill(issued, 0);
    assertEquals("", SupplyAudit.check(store.latest()));
    return results;
  }

  /** Empty blocks, one second apart, every validator signing. */
  void blocks(int n) {
    for (int i = 0; i < n; i++) {
      block(1);
    }
  }

  /** The events of {@code type} seen so far. */
  List<ChainEvent> events(String type) {
    return events.stream().filter(e -> e.type().equals(type)).toList();
  }
}
