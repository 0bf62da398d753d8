package io.poco.bridge.eth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poco.bridge.Bytes32;
import io.poco.bridge.Checkpoint;
import io.poco.bridge.CheckpointSigner;
import io.poco.bridge.DepositEvent;
import io.poco.bridge.Keccak;
import io.poco.bridge.Signature;
import io.poco.bridge.StoredCheckpoint;
import io.poco.bridge.Valset;
import io.poco.bridge.Withdrawal;
import io.poco.bridge.WithdrawalTree;
import io.poco.bridge.anvil.AnvilProcess;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.web3j.abi.datatypes.Address;
import org.web3j.crypto.ECKeyPair;

/**
 * The Java library against the real contracts on a real Anvil (Prague rules): deployment, deposits
 * and their events, checkpoints signed by Java keys, set rotation and withdrawals proven with
 * Java-built trees; the Java digests, set hashes and trees are checked against what the contract
 * computes and accepts.
 */
@Timeout(120)
class PocoBridgeIT {
  private static final Bytes32 SIDECHAIN = Keccak.hash("poco-it");
  private static final BigInteger RLC = BigInteger.TEN.pow(9);

  private static AnvilProcess anvil;
  private static EthClient deployer;
  private static EthClient user;
  private static ContractArtifact rlcArtifact;
  private static ContractArtifact bridgeArtifact;

  @BeforeAll
  static void start() {
    rlcArtifact = ContractArtifact.load("TestRLC");
    bridgeArtifact = ContractArtifact.load("PocoBridge");
    anvil = AnvilProcess.start();
    deployer = EthClient.connect(anvil.rpcUrl(), AnvilProcess.DEV_KEY_0);
    user = EthClient.connect(anvil.rpcUrl(), AnvilProcess.DEV_KEY_1);
  }

  @AfterAll
  static void stop() {
    try {
      if (user != null) {
        user.close();
      }
      if (deployer != null) {
        deployer.close();
      }
    } finally {
      if (anvil != null) {
        anvil.close();
      }
    }
  }

  /** n validators with powers 10, 20, 30, ... and their keys, derived from {@code tag}. */
  private static Map<Address, ECKeyPair> keys(String tag, int n) {
    Map<Address, ECKeyPair> keys = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      ECKeyPair key = ECKeyPair.create(Keccak.hash(tag + "-" + i).toArray());
      keys.put(CheckpointSigner.address(key), key);
    }
    return keys;
  }

  private static Valset set(long nonce, Map<Address, ECKeyPair> keys) {
    List<BigInteger> powers = new ArrayList<>();
    for (int i = 1; i <= keys.size(); i++) {
      powers.add(BigInteger.valueOf(10L * i));
    }
    return new Valset(BigInteger.valueOf(nonce), List.copyOf(keys.keySet()), powers);
  }

  private static Map<Address, ECKeyPair> only(Map<Address, ECKeyPair> keys, int... indexes) {
    List<Address> addresses = List.copyOf(keys.keySet());
    Map<Address, ECKeyPair> subset = new LinkedHashMap<>();
    for (int i : indexes) {
      subset.put(addresses.get(i), keys.get(addresses.get(i)));
    }
    return subset;
  }

  @Test
  void javaHashesAndDigestsMatchTheContract() {
    Map<Address, ECKeyPair> keys = keys("match", 5);
    Valset genesis = set(0, keys);
    TestRlcContract rlc = TestRlcContract.deploy(deployer, rlcArtifact);
    PocoBridgeContract bridge =
        PocoBridgeContract.deploy(deployer, bridgeArtifact, rlc.address(), SIDECHAIN, genesis);
    assertEquals(genesis.hash(), bridge.valsetHash());
    assertEquals(bridge.contractDomainSeparator(), bridge.domainSeparator());
    for (int i = 0; i < 5; i++) {
      Checkpoint cp =
          new Checkpoint(
              BigInteger.valueOf(1 + 1000L * i),
              Keccak.hash("sid-" + i),
              1 + i,
              Long.MAX_VALUE - i,
              Keccak.hash("app-" + i),
              Keccak.hash("root-" + i),
              Keccak.hash("next-" + i));
      assertEquals(bridge.contractDigest(cp), bridge.digest(cp), "digest " + i);
    }
    assertEquals(9, rlc.decimals());
  }

  @Test
  void depositsCheckpointsRotationAndWithdrawals() {
    Map<Address, ECKeyPair> keys = keys("flow", 4); // powers 10, 20, 30, 40: total 100
    Valset genesis = set(0, keys);
    TestRlcContract rlc = TestRlcContract.deploy(deployer, rlcArtifact);
    PocoBridgeContract bridge =
        PocoBridgeContract.deploy(deployer, bridgeArtifact, rlc.address(), SIDECHAIN, genesis);
    long firstBlock = deployer.blockNumber();

    // deposits: mint, approve, deposit three times; events carry nonces 1, 2, 3
    assertTrue(rlc.mint(user.sender(), RLC.multiply(BigInteger.valueOf(1000))).ok());
    assertTrue(rlc.as(user).approve(bridge.address(), RLC.multiply(BigInteger.valueOf(1000))).ok());
    Address sideRecipient = new Address("0x00000000000000000000000000000000000000aa");
    PocoBridgeContract userBridge = bridge.as(user);
    for (int i = 1; i <= 3; i++) {
      assertTrue(
          userBridge.deposit(RLC.multiply(BigInteger.valueOf(100L * i)), sideRecipient).ok());
    }
    assertEquals("ZeroAmount", userBridge.deposit(BigInteger.ZERO, sideRecipient).error());
    List<DepositEvent> deposits = bridge.deposits(firstBlock, deployer.blockNumber());
    assertEquals(3, deposits.size());
    for (int i = 0; i < 3; i++) {
      DepositEvent d = deposits.get(i);
      assertEquals(BigInteger.valueOf(i + 1), d.nonce());
      assertEquals(user.sender(), d.from());
      assertEquals(sideRecipient, d.recipient());
      assertEquals(RLC.multiply(BigInteger.valueOf(100L * (i + 1))), d.amount());
    }
    assertEquals(BigInteger.valueOf(3), bridge.depositNonce());
    assertEquals(RLC.multiply(BigInteger.valueOf(600)), rlc.balanceOf(bridge.address()));

    // withdrawals of checkpoint 1, in a Java-built tree
    List<Withdrawal> ws = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Address to = new Address(BigInteger.valueOf(0xB0B0 + i));
      ws.add(
          new Withdrawal(BigInteger.valueOf(i + 1), to, RLC.multiply(BigInteger.valueOf(i + 1))));
    }
    WithdrawalTree tree = WithdrawalTree.of(ws);
    Checkpoint cp1 =
        new Checkpoint(
            BigInteger.ONE, SIDECHAIN, 1, 10, Keccak.hash("app-1"), tree.root(), genesis.hash());

    // 20 + 30 = 50 of 100: refused
    TxOutcome weak =
        bridge.submitCheckpoint(
            genesis, cp1, CheckpointSigner.signAll(genesis, only(keys, 1, 2), bridge.digest(cp1)));
    assertEquals(TxOutcome.Status.REFUSED, weak.status());
    assertEquals("InsufficientPower", weak.error());
    // a signature placed under another validator
    List<Signature> moved =
        new ArrayList<>(CheckpointSigner.signAll(genesis, keys, bridge.digest(cp1)));
    moved.set(0, moved.get(3));
    assertEquals("InvalidSignature", bridge.submitCheckpoint(genesis, cp1, moved).error());
    // 20 + 30 + 40 = 90 of 100: accepted
    TxOutcome accepted =
        bridge.submitCheckpoint(
            genesis,
            cp1,
            CheckpointSigner.signAll(genesis, only(keys, 1, 2, 3), bridge.digest(cp1)));
    assertTrue(accepted.ok(), accepted.toString());
    assertEquals(BigInteger.ONE, bridge.lastCheckpoint());
    assertEquals(
        new StoredCheckpoint(cp1.appHash(), tree.root(), 10), bridge.checkpoint(BigInteger.ONE));

    // checkpoint 2 hands over to a new set; the old one is left behind
    Map<Address, ECKeyPair> newKeys = keys("flow-next", 3);
    Valset next = set(1, newKeys);
    Checkpoint cp2 =
        new Checkpoint(
            BigInteger.TWO, SIDECHAIN, 11, 20, Keccak.hash("app-2"), Bytes32.ZERO, next.hash());
    assertTrue(
        bridge
            .submitCheckpoint(
                genesis, cp2, CheckpointSigner.signAll(genesis, keys, bridge.digest(cp2)))
            .ok());
    assertEquals(next.hash(), bridge.valsetHash());
    Checkpoint cp3 =
        new Checkpoint(
            BigInteger.valueOf(3),
            SIDECHAIN,
            21,
            30,
            Keccak.hash("app-3"),
            Bytes32.ZERO,
            next.hash());
    assertEquals(
        "InvalidValset",
        bridge
            .submitCheckpoint(
                genesis, cp3, CheckpointSigner.signAll(genesis, keys, bridge.digest(cp3)))
            .error());
    assertTrue(
        bridge
            .submitCheckpoint(
                next, cp3, CheckpointSigner.signAll(next, newKeys, bridge.digest(cp3)))
            .ok());
    assertEquals(BigInteger.valueOf(3), bridge.lastCheckpoint());

    // withdrawals: a Java proof pays; a replay, a forged amount and the wrong checkpoint do not
    for (int i = 0; i < ws.size(); i++) {
      Withdrawal w = ws.get(i);
      List<Bytes32> proof = tree.proof(i);
      assertEquals("InvalidProof", bridge.withdraw(BigInteger.TWO, w, proof).error());
      Withdrawal forged = new Withdrawal(w.id(), w.recipient(), w.amount().add(BigInteger.ONE));
      assertEquals("InvalidProof", bridge.withdraw(BigInteger.ONE, forged, proof).error());
      TxOutcome paid = userBridge.withdraw(BigInteger.ONE, w, proof);
      assertTrue(paid.ok(), paid.toString());
      assertEquals(w.amount(), rlc.balanceOf(w.recipient()));
      assertTrue(bridge.claimed(w.id()));
      assertEquals("AlreadyClaimed", bridge.withdraw(BigInteger.ONE, w, proof).error());
    }
    assertEquals(
        "UnknownCheckpoint", bridge.withdraw(BigInteger.TEN, ws.get(0), tree.proof(0)).error());
    assertFalse(bridge.claimed(BigInteger.valueOf(99)));
    assertEquals(RLC.multiply(BigInteger.valueOf(600 - 15)), rlc.balanceOf(bridge.address()));
  }
}
