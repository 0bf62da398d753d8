package io.poco.state.proof;

import java.util.Arrays;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Verifies proofs of the PoCo state tree, a compact binary sparse Merkle tree over the 256-bit
 * paths {@code keccak256(key)}. It depends on nothing but Keccak-256 (BouncyCastle's digest), so
 * auditors can embed this one class.
 *
 * <p>Hashes: the empty subtree is 32 zero bytes; a leaf is {@code keccak256(0x00 ‖ keccak256(key) ‖
 * keccak256(value))}; an inner node is {@code keccak256(0x01 ‖ left ‖ right)}. A subtree holding
 * one pair is that pair's leaf, so the tree, and its root, depend only on the set of pairs.
 *
 * <p>Proof bytes: {@code 0x01} (format), depth {@code k} (2 bytes, big-endian, ≤ 256), a terminal
 * ({@code 0x00} = empty subtree, or {@code 0x01 ‖ keyHash(32) ‖ valueHash(32)} = a leaf), then the
 * {@code k} sibling hashes (32 bytes each) from the root's children downwards: sibling {@code i} is
 * the other child of the node at depth {@code i} on the key's path. The terminal sits at depth
 * {@code k} on the path of {@code keccak256(key)}.
 */
public final class ProofVerifier {

  /**
   * One digest per thread, reused: {@code doFinal} resets it. The state tree hashes thousands of
   * nodes per block, and a fresh digest per hash allocates and clears its 200-byte state each time.
   */
  private static final ThreadLocal<KeccakDigest> DIGEST =
      ThreadLocal.withInitial(() -> new KeccakDigest(256));

  /** The format byte of a proof. */
  public static final byte FORMAT = 1;

  /** The root of the empty tree, and the hash of an empty subtree. */
  public static final byte[] EMPTY = new byte[32];

  private ProofVerifier() {}

  /** True when {@code proof} shows that {@code key} maps to {@code value} under {@code root}. */
  public static boolean verifyMembership(byte[] root, byte[] key, byte[] value, byte[] proof) {
    Parsed p = parse(proof);
    if (p == null || p.leafKeyHash == null) {
      return false;
    }
    byte[] keyHash = keccak256(key);
    return Arrays.equals(p.leafKeyHash, keyHash)
        && Arrays.equals(p.leafValueHash, keccak256(value))
        && Arrays.equals(recompute(p, keyHash), root);
  }

  /** True when {@code proof} shows that {@code key} is absent under {@code root}. */
  public static boolean verifyAbsence(byte[] root, byte[] key, byte[] proof) {
    Parsed p = parse(proof);
    if (p == null) {
      return false;
    }
    byte[] keyHash = keccak256(key);
    if (p.leafKeyHash != null) {
      // another key's leaf occupies the subtree of this key's path: it must share the path
      if (Arrays.equals(p.leafKeyHash, keyHash) || !samePrefix(p.leafKeyHash, keyHash, p.depth)) {
        return false;
      }
    }
    return Arrays.equals(recompute(p, keyHash), root);
  }

  /** Keccak-256 (the Ethereum variant, not SHA3-256). */
  public static byte[] keccak256(byte[] data) {
    KeccakDigest d = DIGEST.get();
    d.update(data, 0, data.length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  /** The hash of the leaf of a pair, given the hashes of its key and value. */
  public static byte[] leafHash(byte[] keyHash, byte[] valueHash) {
    KeccakDigest d = DIGEST.get();
    d.update((byte) 0);
    d.update(keyHash, 0, 32);
    d.update(valueHash, 0, 32);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  /** The hash of an inner node. */
  public static byte[] innerHash(byte[] left, byte[] right) {
    KeccakDigest d = DIGEST.get();
    d.update((byte) 1);
    d.update(left, 0, 32);
    d.update(right, 0, 32);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  /** Bit {@code i} (0 = most significant bit of byte 0) of a 32-byte path. */
  public static boolean bit(byte[] path, int i) {
    return ((path[i >>> 3] >>> (7 - (i & 7))) & 1) == 1;
  }

  private static boolean samePrefix(byte[] a, byte[] b, int bits) {
    for (int i = 0; i < bits; i++) {
      if (bit(a, i) != bit(b, i)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] recompute(Parsed p, byte[] keyHash) {
    byte[] cur = p.leafKeyHash == null ? EMPTY : leafHash(p.leafKeyHash, p.leafValueHash);
    for (int i = p.depth - 1; i >= 0; i--) {
      byte[] sibling = p.siblings[i];
      cur = bit(keyHash, i) ? innerHash(sibling, cur) : innerHash(cur, sibling);
    }
    return cur;
  }

  private static Parsed parse(byte[] proof) {
    if (proof == null || proof.length < 4 || proof[0] != FORMAT) {
      return null;
    }
    int depth = ((proof[1] & 0xff) << 8) | (proof[2] & 0xff);
    if (depth > 256) {
      return null;
    }
    int pos = 3;
    byte[] keyHash = null;
    byte[] valueHash = null;
    if (proof[pos] == 1) {
      if (proof.length < pos + 65) {
        return null;
      }
      keyHash = Arrays.copyOfRange(proof, pos + 1, pos + 33);
      valueHash = Arrays.copyOfRange(proof, pos + 33, pos + 65);
      pos += 65;
    } else if (proof[pos] == 0) {
      pos += 1;
    } else {
      return null;
    }
    if (proof.length != pos + 32 * depth) {
      return null;
    }
    byte[][] siblings = new byte[depth][];
    for (int i = 0; i < depth; i++) {
      siblings[i] = Arrays.copyOfRange(proof, pos + 32 * i, pos + 32 * (i + 1));
    }
    return new Parsed(depth, keyHash, valueHash, siblings);
  }

  private record Parsed(int depth, byte[] leafKeyHash, byte[] leafValueHash, byte[][] siblings) {}
}
