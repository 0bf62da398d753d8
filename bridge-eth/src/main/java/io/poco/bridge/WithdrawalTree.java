package io.poco.bridge;

import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree of a checkpoint's withdrawals, as OpenZeppelin's {@code MerkleProof} verifies it:
 * leaves are {@link Withdrawal#leaf()} in the given order, each inner node is the keccak256 of its
 * two children sorted as unsigned 32-byte numbers, and an odd node at the end of a layer moves up
 * unchanged. The root of no withdrawals is zero; the root of one is its leaf.
 */
public final class WithdrawalTree {
  private final List<List<Bytes32>> layers;

  private WithdrawalTree(List<List<Bytes32>> layers) {
    this.layers = layers;
  }

  /** The tree of {@code withdrawals}, in this order. */
  public static WithdrawalTree of(List<Withdrawal> withdrawals) {
    return ofLeaves(withdrawals.stream().map(Withdrawal::leaf).toList());
  }

  /** The tree over already hashed leaves. */
  public static WithdrawalTree ofLeaves(List<Bytes32> leaves) {
    List<List<Bytes32>> layers = new ArrayList<>();
    List<Bytes32> layer = List.copyOf(leaves);
    layers.add(layer);
    while (layer.size() > 1) {
      List<Bytes32> next = new ArrayList<>((layer.size() + 1) / 2);
      for (int i = 0; i < layer.size(); i += 2) {
        next.add(i + 1 < layer.size() ? hashPair(layer.get(i), layer.get(i + 1)) : layer.get(i));
      }
      layer = List.copyOf(next);
      layers.add(layer);
    }
    return new WithdrawalTree(List.copyOf(layers));
  }

  /** The number of leaves. */
  public int size() {
    return layers.get(0).size();
  }

  /** The root (zero for an empty tree). */
  public Bytes32 root() {
    List<Bytes32> top = layers.get(layers.size() - 1);
    return top.isEmpty() ? Bytes32.ZERO : top.get(0);
  }

  /** The proof of leaf {@code index}: its siblings from the bottom up. */
  public List<Bytes32> proof(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException("no leaf " + index + " in a tree of " + size());
    }
    List<Bytes32> proof = new ArrayList<>();
    int i = index;
    for (int level = 0; level < layers.size() - 1; level++) {
      List<Bytes32> layer = layers.get(level);
      int sibling = i ^ 1;
      if (sibling < layer.size()) {
        proof.add(layer.get(sibling));
      }
      i /= 2;
    }
    return List.copyOf(proof);
  }

  /** Whether {@code proof} leads from {@code leaf} to {@code root}, as the contract checks. */
  public static boolean verify(List<Bytes32> proof, Bytes32 root, Bytes32 leaf) {
    Bytes32 h = leaf;
    for (Bytes32 sibling : proof) {
      h = hashPair(h, sibling);
    }
    return h.equals(root);
  }

  /** keccak256 of the two values, smaller first. */
  public static Bytes32 hashPair(Bytes32 a, Bytes32 b) {
    AbiWriter w = new AbiWriter();
    if (a.compareTo(b) <= 0) {
      w.bytes32(a).bytes32(b);
    } else {
      w.bytes32(b).bytes32(a);
    }
    return Keccak.hash(w.toByteArray());
  }
}
