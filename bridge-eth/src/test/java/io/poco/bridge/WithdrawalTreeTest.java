package io.poco.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.Address;

class WithdrawalTreeTest {
  private static List<Withdrawal> withdrawals(int n, long seed) {
    List<Withdrawal> ws = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      BigInteger to =
          new BigInteger(1, Keccak.hash("to-" + seed + "-" + i).toArray()).shiftRight(96);
      ws.add(
          new Withdrawal(BigInteger.valueOf(i + 1), new Address(to), BigInteger.valueOf(seed + i)));
    }
    return ws;
  }

  @Test
  void emptySingleAndPairTrees() {
    assertEquals(Bytes32.ZERO, WithdrawalTree.of(List.of()).root());
    Withdrawal w = withdrawals(1, 7).get(0);
    WithdrawalTree one = WithdrawalTree.of(List.of(w));
    assertEquals(w.leaf(), one.root());
    assertEquals(List.of(), one.proof(0));
    List<Withdrawal> two = withdrawals(2, 7);
    Bytes32 a = two.get(0).leaf();
    Bytes32 b = two.get(1).leaf();
    assertEquals(WithdrawalTree.hashPair(a, b), WithdrawalTree.of(two).root());
    assertEquals(WithdrawalTree.hashPair(a, b), WithdrawalTree.hashPair(b, a));
    assertThrows(IndexOutOfBoundsException.class, () -> one.proof(1));
  }

  @Test
  void anOddLeafMovesUpUnchanged() {
    List<Withdrawal> three = withdrawals(3, 9);
    Bytes32 expected =
        WithdrawalTree.hashPair(
            WithdrawalTree.hashPair(three.get(0).leaf(), three.get(1).leaf()), three.get(2).leaf());
    WithdrawalTree tree = WithdrawalTree.of(three);
    assertEquals(expected, tree.root());
    assertEquals(1, tree.proof(2).size());
  }

  @Property(tries = 60)
  void everyLeafIsProvenAndNoForgedLeafIs(
      @ForAll @IntRange(min = 1, max = 70) int n, @ForAll @IntRange(min = 0, max = 1000) int seed) {
    List<Withdrawal> ws = withdrawals(n, seed);
    WithdrawalTree tree = WithdrawalTree.of(ws);
    for (int i = 0; i < n; i++) {
      Withdrawal w = ws.get(i);
      List<Bytes32> proof = tree.proof(i);
      assertTrue(WithdrawalTree.verify(proof, tree.root(), w.leaf()), "leaf " + i);
      Withdrawal forged = new Withdrawal(w.id(), w.recipient(), w.amount().add(BigInteger.ONE));
      assertFalse(WithdrawalTree.verify(proof, tree.root(), forged.leaf()), "forged " + i);
      if (n > 1) {
        assertFalse(
            WithdrawalTree.verify(proof, tree.root(), ws.get((i + 1) % n).leaf()), "neighbour");
      }
    }
  }

  /** An inner node is never accepted as a leaf: leaves are hashed twice. */
  @Test
  void anInnerNodeIsNotALeaf() {
    List<Withdrawal> four = withdrawals(4, 3);
    WithdrawalTree tree = WithdrawalTree.of(four);
    Bytes32 inner = WithdrawalTree.hashPair(four.get(0).leaf(), four.get(1).leaf());
    List<Bytes32> upper = tree.proof(0).subList(1, 2);
    assertTrue(WithdrawalTree.verify(upper, tree.root(), inner), "the inner node is on the path");
    // but no Withdrawal hashes to it, since leaf() double-hashes its 96-byte encoding
    assertFalse(inner.equals(four.get(0).leaf()));
  }
}
