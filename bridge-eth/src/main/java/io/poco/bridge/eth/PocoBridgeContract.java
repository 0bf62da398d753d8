package io.poco.bridge.eth;

import io.poco.bridge.BridgeAbi;
import io.poco.bridge.Bytes32;
import io.poco.bridge.Checkpoint;
import io.poco.bridge.CheckpointDigest;
import io.poco.bridge.DepositEvent;
import io.poco.bridge.Keccak;
import io.poco.bridge.Signature;
import io.poco.bridge.StoredCheckpoint;
import io.poco.bridge.Valset;
import io.poco.bridge.Withdrawal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.datatypes.Address;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/** A deployed {@code PocoBridge}, used through one {@link EthClient} account. */
public final class PocoBridgeContract {
  /** topic0 of {@code Deposit(uint256,address,address,uint256)}. */
  public static final String DEPOSIT_TOPIC =
      Keccak.hash("Deposit(uint256,address,address,uint256)").toHex();

  private final EthClient eth;
  private final Address address;
  private final ContractArtifact artifact;

  private PocoBridgeContract(EthClient eth, Address address, ContractArtifact artifact) {
    eth.learnErrors(artifact);
    this.eth = eth;
    this.address = address;
    this.artifact = artifact;
  }

  /** The bridge at {@code address}, used as {@code eth}'s account. */
  public static PocoBridgeContract at(EthClient eth, Address address, ContractArtifact artifact) {
    return new PocoBridgeContract(eth, address, artifact);
  }

  /** Deploys a bridge for {@code token} with the genesis set {@code genesis} (its nonce is 0). */
  public static PocoBridgeContract deploy(
      EthClient eth,
      ContractArtifact artifact,
      Address token,
      Bytes32 sidechainId,
      Valset genesis) {
    if (genesis.nonce().signum() != 0) {
      throw new IllegalArgumentException("the genesis set has nonce 0");
    }
    eth.learnErrors(artifact);
    byte[] code = artifact.bytecode();
    byte[] args = BridgeAbi.constructorArgs(token, sidechainId, genesis);
    byte[] init = Arrays.copyOf(code, code.length + args.length);
    System.arraycopy(args, 0, init, code.length, args.length);
    return new PocoBridgeContract(eth, eth.deploy(init), artifact);
  }

  /** The same bridge used through another account. */
  public PocoBridgeContract as(EthClient other) {
    return new PocoBridgeContract(other, address, artifact);
  }

  /** The bridge's address. */
  public Address address() {
    return address;
  }

  /** The EIP-712 domain separator computed in Java for this bridge and chain. */
  public Bytes32 domainSeparator() {
    return CheckpointDigest.domainSeparator(eth.chainId(), address);
  }

  /** The digest validators sign for {@code cp}, computed in Java. */
  public Bytes32 digest(Checkpoint cp) {
    return CheckpointDigest.digest(domainSeparator(), cp);
  }

  /** {@code deposit(amount, recipient)}; the sender must have approved the bridge. */
  public TxOutcome deposit(BigInteger amount, Address recipient) {
    return eth.send(address, BridgeAbi.deposit(amount, recipient));
  }

  /** {@code submitCheckpoint(current, cp, sigs)}. */
  public TxOutcome submitCheckpoint(Valset current, Checkpoint cp, List<Signature> sigs) {
    return eth.send(address, BridgeAbi.submitCheckpoint(current, cp, sigs));
  }

  /** {@code withdraw(checkpointNumber, w, proof)}. */
  public TxOutcome withdraw(BigInteger checkpointNumber, Withdrawal w, List<Bytes32> proof) {
    return eth.send(address, BridgeAbi.withdraw(checkpointNumber, w, proof));
  }

  /** {@code valsetHash()}. */
  public Bytes32 valsetHash() {
    return Bytes32.of(word(call(BridgeAbi.call("valsetHash()")), 0));
  }

  /** {@code lastCheckpoint()}. */
  public BigInteger lastCheckpoint() {
    return uint(call(BridgeAbi.call("lastCheckpoint()")), 0);
  }

  /** {@code depositNonce()}: the nonce of the last deposit, 0 before any. */
  public BigInteger depositNonce() {
    return uint(call(BridgeAbi.call("depositNonce()")), 0);
  }

  /** {@code claimed(id)}. */
  public boolean claimed(BigInteger id) {
    return uint(call(BridgeAbi.call("claimed(uint256)", id)), 0).signum() != 0;
  }

  /** {@code checkpoints(number)}. */
  public StoredCheckpoint checkpoint(BigInteger number) {
    byte[] r = call(BridgeAbi.call("checkpoints(uint256)", number));
    return new StoredCheckpoint(
        Bytes32.of(word(r, 0)), Bytes32.of(word(r, 1)), uint(r, 2).longValue());
  }

  /** The digest as the contract computes it ({@code checkpointDigest(cp)}). */
  public Bytes32 contractDigest(Checkpoint cp) {
    return Bytes32.of(word(call(BridgeAbi.checkpointDigest(cp)), 0));
  }

  /** The domain separator as the contract computes it ({@code domainSeparator()}). */
  public Bytes32 contractDomainSeparator() {
    return Bytes32.of(word(call(BridgeAbi.call("domainSeparator()")), 0));
  }

  /** The {@code Deposit} events in blocks [fromBlock, toBlock], in log order. */
  public List<DepositEvent> deposits(long fromBlock, long toBlock) {
    return eth.logs(address, DEPOSIT_TOPIC, fromBlock, toBlock).stream()
        .map(PocoBridgeContract::depositEvent)
        .toList();
  }

  private static DepositEvent depositEvent(Log log) {
    List<String> topics = log.getTopics();
    return new DepositEvent(
        Numeric.toBigInt(topics.get(1)),
        topicAddress(topics.get(2)),
        topicAddress(topics.get(3)),
        Numeric.toBigInt(log.getData()),
        log.getBlockNumber().longValueExact(),
        log.getTransactionHash());
  }

  private static Address topicAddress(String topic) {
    return new Address(Numeric.toBigInt(topic));
  }

  private byte[] call(byte[] data) {
    return eth.call(address, data);
  }

  static byte[] word(byte[] data, int index) {
    if (data.length < 32 * (index + 1)) {
      throw new IllegalStateException("short return data: " + data.length + " bytes");
    }
    return Arrays.copyOfRange(data, 32 * index, 32 * (index + 1));
  }

  static BigInteger uint(byte[] data, int index) {
    return new BigInteger(1, word(data, index));
  }
}
