package io.poco.bridge;

import org.web3j.abi.datatypes.Address;

/**
 * The EIP-712 digest of a checkpoint, {@code keccak256("\x19\x01" ‖ domainSeparator ‖ structHash)},
 * over the domain {name "PocoBridge", version "1", chain id, bridge address}.
 */
public final class CheckpointDigest {
  /** The EIP-712 type string of {@code Checkpoint}. */
  public static final String CHECKPOINT_TYPE =
      "Checkpoint(uint256 number,bytes32 sidechainId,uint64 startHeight,uint64 endHeight,"
          + "bytes32 appHash,bytes32 withdrawalRoot,bytes32 nextValsetHash)";

  /** The EIP-712 type string of the domain. */
  public static final String DOMAIN_TYPE =
      "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";

  private static final Bytes32 CHECKPOINT_TYPEHASH = Keccak.hash(CHECKPOINT_TYPE);
  private static final Bytes32 DOMAIN_TYPEHASH = Keccak.hash(DOMAIN_TYPE);

  private CheckpointDigest() {}

  /** The domain separator of the bridge at {@code bridge} on chain {@code chainId}. */
  public static Bytes32 domainSeparator(long chainId, Address bridge) {
    return Keccak.hash(
        new AbiWriter()
            .bytes32(DOMAIN_TYPEHASH)
            .bytes32(Keccak.hash("PocoBridge"))
            .bytes32(Keccak.hash("1"))
            .uint(chainId)
            .address(bridge)
            .toByteArray());
  }

  /** {@code hashStruct(cp)}: the type hash and the seven fields, one word each. */
  public static Bytes32 structHash(Checkpoint cp) {
    return Keccak.hash(
        new AbiWriter()
            .bytes32(CHECKPOINT_TYPEHASH)
            .uint(cp.number())
            .bytes32(cp.sidechainId())
            .uint(cp.startHeight())
            .uint(cp.endHeight())
            .bytes32(cp.appHash())
            .bytes32(cp.withdrawalRoot())
            .bytes32(cp.nextValsetHash())
            .toByteArray());
  }

  /** The digest validators sign. */
  public static Bytes32 digest(Bytes32 domainSeparator, Checkpoint cp) {
    return Keccak.hash(
        new AbiWriter()
            .raw(new byte[] {0x19, 0x01})
            .bytes32(domainSeparator)
            .bytes32(structHash(cp))
            .toByteArray());
  }

  /** The digest validators sign for the bridge at {@code bridge} on chain {@code chainId}. */
  public static Bytes32 digest(long chainId, Address bridge, Checkpoint cp) {
    return digest(domainSeparator(chainId, bridge), cp);
  }
}
