package io.poco.bridge;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.datatypes.Address;

/**
 * The ABI encodings of {@code PocoBridge}'s calls and of {@code abi.encode(Valset)}, written out by
 * hand for these fixed shapes (static structs inline, dynamic parts behind offsets).
 */
public final class BridgeAbi {
  /** {@code submitCheckpoint(Valset,Checkpoint,Signature[])} with its structs expanded. */
  public static final String SUBMIT_CHECKPOINT =
      "submitCheckpoint((uint256,address[],uint256[]),"
          + "(uint256,bytes32,uint64,uint64,bytes32,bytes32,bytes32),(uint8,bytes32,bytes32)[])";

  /** {@code withdraw(uint256,Withdrawal,bytes32[])}. */
  public static final String WITHDRAW = "withdraw(uint256,(uint256,address,uint256),bytes32[])";

  /** {@code deposit(uint256,address)}. */
  public static final String DEPOSIT = "deposit(uint256,address)";

  /** {@code checkpointDigest(Checkpoint)}, a view of the digest the contract checks. */
  public static final String CHECKPOINT_DIGEST =
      "checkpointDigest((uint256,bytes32,uint64,uint64,bytes32,bytes32,bytes32))";

  private static final int WORD = 32;
  private static final int CHECKPOINT_WORDS = 7;

  private BridgeAbi() {}

  /** {@code abi.encode(valset)}: an offset word (0x20), then the tuple. */
  public static byte[] encodeValset(Valset valset) {
    return new AbiWriter().uint(WORD).raw(valsetTuple(valset)).toByteArray();
  }

  /** The tuple encoding of a valset: nonce, two offsets, then each array with its length. */
  static byte[] valsetTuple(Valset valset) {
    int n = valset.size();
    AbiWriter w = new AbiWriter().uint(valset.nonce()).uint(3 * WORD).uint((4L + n) * WORD);
    w.uint(n);
    valset.validators().forEach(w::address);
    w.uint(n);
    valset.powers().forEach(w::uint);
    return w.toByteArray();
  }

  private static AbiWriter checkpoint(AbiWriter w, Checkpoint cp) {
    return w.uint(cp.number())
        .bytes32(cp.sidechainId())
        .uint(cp.startHeight())
        .uint(cp.endHeight())
        .bytes32(cp.appHash())
        .bytes32(cp.withdrawalRoot())
        .bytes32(cp.nextValsetHash());
  }

  /** Calldata of {@code submitCheckpoint(current, cp, sigs)}. */
  public static byte[] submitCheckpoint(Valset current, Checkpoint cp, List<Signature> sigs) {
    byte[] valset = valsetTuple(current);
    int head = (1 + CHECKPOINT_WORDS + 1) * WORD;
    AbiWriter w = new AbiWriter().selector(SUBMIT_CHECKPOINT).uint(head);
    checkpoint(w, cp).uint((long) head + valset.length).raw(valset).uint(sigs.size());
    for (Signature s : sigs) {
      w.uint(s.v()).bytes32(s.r()).bytes32(s.s());
    }
    return w.toByteArray();
  }

  /** Calldata of {@code checkpointDigest(cp)}. */
  public static byte[] checkpointDigest(Checkpoint cp) {
    return checkpoint(new AbiWriter().selector(CHECKPOINT_DIGEST), cp).toByteArray();
  }

  /** Calldata of {@code withdraw(checkpointNumber, w, proof)}. */
  public static byte[] withdraw(BigInteger checkpointNumber, Withdrawal w, List<Bytes32> proof) {
    AbiWriter out =
        new AbiWriter()
            .selector(WITHDRAW)
            .uint(checkpointNumber)
            .uint(w.id())
            .address(w.recipient())
            .uint(w.amount())
            .uint(5 * WORD)
            .uint(proof.size());
    proof.forEach(out::bytes32);
    return out.toByteArray();
  }

  /** Calldata of {@code deposit(amount, recipient)}. */
  public static byte[] deposit(BigInteger amount, Address recipient) {
    return new AbiWriter().selector(DEPOSIT).uint(amount).address(recipient).toByteArray();
  }

  /** The constructor arguments {@code (token, sidechainId, validators, powers)}. */
  public static byte[] constructorArgs(Address token, Bytes32 sidechainId, Valset genesis) {
    int n = genesis.size();
    AbiWriter w =
        new AbiWriter().address(token).bytes32(sidechainId).uint(4 * WORD).uint((5L + n) * WORD);
    w.uint(n);
    genesis.validators().forEach(w::address);
    w.uint(n);
    genesis.powers().forEach(w::uint);
    return w.toByteArray();
  }

  /** Calldata of a call with one address argument, e.g. {@code balanceOf(address)}. */
  public static byte[] call(String signature, Address arg) {
    return new AbiWriter().selector(signature).address(arg).toByteArray();
  }

  /** Calldata of a call with one uint256 argument, e.g. {@code claimed(uint256)}. */
  public static byte[] call(String signature, BigInteger arg) {
    return new AbiWriter().selector(signature).uint(arg).toByteArray();
  }

  /** Calldata of a call with an address and a uint256, e.g. {@code mint(address,uint256)}. */
  public static byte[] call(String signature, Address to, BigInteger amount) {
    return new AbiWriter().selector(signature).address(to).uint(amount).toByteArray();
  }

  /** Calldata of a call without arguments. */
  public static byte[] call(String signature) {
    return new AbiWriter().selector(signature).toByteArray();
  }
}
