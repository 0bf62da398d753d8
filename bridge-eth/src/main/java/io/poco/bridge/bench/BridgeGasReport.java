package io.poco.bridge.bench;

import io.poco.bridge.Bytes32;
import io.poco.bridge.Checkpoint;
import io.poco.bridge.CheckpointSigner;
import io.poco.bridge.Keccak;
import io.poco.bridge.Signature;
import io.poco.bridge.Valset;
import io.poco.bridge.Withdrawal;
import io.poco.bridge.WithdrawalTree;
import io.poco.bridge.anvil.AnvilProcess;
import io.poco.bridge.eth.ContractArtifact;
import io.poco.bridge.eth.EthClient;
import io.poco.bridge.eth.PocoBridgeContract;
import io.poco.bridge.eth.TestRlcContract;
import io.poco.bridge.eth.TxOutcome;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.datatypes.Address;
import org.web3j.crypto.ECKeyPair;

/**
 * Prints the gas of {@code submitCheckpoint} (every validator signing), {@code deposit} and {@code
 * withdraw} as JSON lines: {@code gasUsed} of receipts on a fresh Anvil with Prague rules. At each
 * set size, checkpoints 1 to 8 are submitted: {@code value} and {@code perValidator} are the worst
 * of them (every fourth checkpoint opens a new end-height slot), {@code mean} and {@code
 * meanPerValidator} their mean, {@code checkpoints} all eight.
 */
public final class BridgeGasReport {
  private static final int[] SIZES = {4, 16, 64, 100};
  private static final Bytes32 SIDECHAIN = Keccak.hash("poco-bench");
  private static final int WITHDRAWALS = 64;
  private static final int CHECKPOINTS = 8;

  private BridgeGasReport() {}

  /** Runs the report; no arguments. */
  public static void main(String[] args) {
    ContractArtifact rlcArtifact = ContractArtifact.load("TestRLC");
    ContractArtifact bridgeArtifact = ContractArtifact.load("PocoBridge");
    try (AnvilProcess anvil = AnvilProcess.start();
        EthClient eth = EthClient.connect(anvil.rpcUrl(), AnvilProcess.DEV_KEY_0)) {
      for (int n : SIZES) {
        checkpoints(eth, rlcArtifact, bridgeArtifact, n);
      }
      depositsAndWithdrawals(eth, rlcArtifact, bridgeArtifact);
    }
  }

  private static void checkpoints(
      EthClient eth, ContractArtifact rlcArtifact, ContractArtifact bridgeArtifact, int n) {
    Map<Address, ECKeyPair> keys = new LinkedHashMap<>();
    List<BigInteger> powers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ECKeyPair key = ECKeyPair.create(Keccak.hash("poco-bench-validator-" + i).toArray());
      keys.put(CheckpointSigner.address(key), key);
      // whole RLC of stake, as the sidechain's voting power: a few thousand each
      powers.add(BigInteger.valueOf(1_000 + 37L * i));
    }
    Valset set = new Valset(BigInteger.ZERO, List.copyOf(keys.keySet()), powers);
    TestRlcContract rlc = TestRlcContract.deploy(eth, rlcArtifact);
    PocoBridgeContract bridge =
        PocoBridgeContract.deploy(eth, bridgeArtifact, rlc.address(), SIDECHAIN, set);
    List<BigInteger> gas = new ArrayList<>();
    for (int number = 1; number <= CHECKPOINTS; number++) {
      gas.add(submit(bridge, set, keys, number, 256L * (number - 1) + 1, 256L * number).gasUsed());
    }
    BigInteger worst = gas.stream().max(BigInteger::compareTo).orElseThrow();
    BigInteger sum = gas.stream().reduce(BigInteger.ZERO, BigInteger::add);
    BigInteger mean = sum.divide(BigInteger.valueOf(gas.size()));
    System.out.printf(
        "{\"name\":\"bridge.submitCheckpoint.gas\",\"validators\":%d,\"value\":%s,\"unit\":\"gas\","
            + "\"perValidator\":%d,\"mean\":%s,\"meanPerValidator\":%d,\"checkpoints\":%s,"
            + "\"source\":\"anvil-prague-receipt\"}%n",
        n,
        worst,
        worst.intValueExact() / n,
        mean,
        mean.intValueExact() / n,
        gas.toString().replace(" ", ""));
  }

  private static TxOutcome submit(
      PocoBridgeContract bridge,
      Valset set,
      Map<Address, ECKeyPair> keys,
      int number,
      long start,
      long end) {
    Checkpoint cp =
        new Checkpoint(
            BigInteger.valueOf(number),
            SIDECHAIN,
            start,
            end,
            Keccak.hash("app-" + number),
            Keccak.hash("withdrawals-" + number),
            set.hash());
    List<Signature> sigs = CheckpointSigner.signAll(set, keys, bridge.digest(cp));
    TxOutcome outcome = bridge.submitCheckpoint(set, cp, sigs);
    if (!outcome.ok()) {
      throw new IllegalStateException("checkpoint refused: " + outcome);
    }
    return outcome;
  }

  private static void depositsAndWithdrawals(
      EthClient eth, ContractArtifact rlcArtifact, ContractArtifact bridgeArtifact) {
    ECKeyPair key = ECKeyPair.create(Keccak.hash("poco-bench-validator").toArray());
    Map<Address, ECKeyPair> keys = Map.of(CheckpointSigner.address(key), key);
    Valset set =
        new Valset(BigInteger.ZERO, List.copyOf(keys.keySet()), List.of(BigInteger.valueOf(100)));
    TestRlcContract rlc = TestRlcContract.deploy(eth, rlcArtifact);
    PocoBridgeContract bridge =
        PocoBridgeContract.deploy(eth, bridgeArtifact, rlc.address(), SIDECHAIN, set);
    BigInteger amount = BigInteger.valueOf(1_000_000_000_000L);
    check(rlc.mint(eth.sender(), amount.multiply(BigInteger.TEN)));
    check(rlc.approve(bridge.address(), amount.multiply(BigInteger.TEN)));
    Address recipient = new Address("0x00000000000000000000000000000000000c0ffe");
    BigInteger firstDeposit = check(bridge.deposit(amount, recipient)).gasUsed();
    BigInteger deposit = check(bridge.deposit(amount, recipient)).gasUsed();
    System.out.printf(
        "{\"name\":\"bridge.deposit.gas\",\"value\":%s,\"unit\":\"gas\",\"firstDeposit\":%s,"
            + "\"source\":\"anvil-prague-receipt\"}%n",
        deposit, firstDeposit);

    List<Withdrawal> ws = new ArrayList<>();
    for (int i = 0; i < WITHDRAWALS; i++) {
      Address to =
          new Address(new BigInteger(1, Keccak.hash("recipient-" + i).toArray()).shiftRight(96));
      ws.add(new Withdrawal(BigInteger.valueOf(i + 1), to, BigInteger.valueOf(1_000_000_000L + i)));
    }
    WithdrawalTree tree = WithdrawalTree.of(ws);
    Checkpoint cp =
        new Checkpoint(
            BigInteger.ONE, SIDECHAIN, 1, 256, Keccak.hash("app"), tree.root(), set.hash());
    check(bridge.submitCheckpoint(set, cp, CheckpointSigner.signAll(set, keys, bridge.digest(cp))));
    BigInteger withdraw =
        check(bridge.withdraw(BigInteger.ONE, ws.get(5), tree.proof(5))).gasUsed();
    System.out.printf(
        "{\"name\":\"bridge.withdraw.gas\",\"value\":%s,\"unit\":\"gas\",\"treeLeaves\":%d,"
            + "\"proofLength\":%d,\"source\":\"anvil-prague-receipt\"}%n",
        withdraw, WITHDRAWALS, tree.proof(5).size());
  }

  private static TxOutcome check(TxOutcome outcome) {
    if (!outcome.ok()) {
      throw new IllegalStateException("transaction failed: " + outcome);
    }
    return outcome;
  }
}
