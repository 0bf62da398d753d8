package io.poco.core.task;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.crypto.Signature;
import io.poco.core.ids.PocoIds;
import io.poco.core.ids.SigningDomain;
import io.poco.core.market.SignedOrders;
import io.poco.proto.v1.SignedContribution;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Signatures of the task round. A worker signs its contribution over {@code keccak256("\x19PoCo
 * Contribution:\n" ‖ keccak256(chain_id) ‖ taskId ‖ resultHash ‖ resultSeal ‖ enclave)}; a
 * scheduler authorizes a worker for a task over {@code keccak256("\x19PoCo Authorization:\n" ‖
 * keccak256(chain_id) ‖ worker ‖ taskId ‖ enclave)}. The enclave is 20 bytes, zero when there is
 * none. Every field is fixed-length, so the digests are canonical.
 */
public final class ContributionSigning {

  private ContributionSigning() {}

  public static byte[] contributionDigest(
      String chainId,
      ByteString taskId,
      ByteString resultHash,
      ByteString resultSeal,
      ByteString enclave) {
    return SigningDomain.CONTRIBUTION.digest(
        chainId, taskId, resultHash, resultSeal, enclave20(enclave));
  }

  public static byte[] authorizationDigest(
      String chainId, Address worker, ByteString taskId, ByteString enclave) {
    return SigningDomain.AUTHORIZATION.digest(chainId, worker.bytes(), taskId, enclave20(enclave));
  }

  /**
   * The worker's signed contribution for {@code digest}: computes the result hash and seal, then
   * signs (for clients, the benchmark and tests).
   */
  public static SignedContribution sign(
      String chainId,
      ByteString taskId,
      ByteString digest,
      ByteString enclave,
      BigInteger workerKey) {
    Address worker = Secp256k1.address(workerKey);
    ByteString hash = ResultBinding.resultHash(taskId, digest);
    ByteString seal = ResultBinding.resultSeal(worker, taskId, digest);
    Signature sig =
        Secp256k1.sign(workerKey, contributionDigest(chainId, taskId, hash, seal, enclave));
    return SignedContribution.newBuilder()
        .setTaskId(taskId)
        .setResultHash(hash)
        .setResultSeal(seal)
        .setEnclave(enclave)
        .setSignature(ByteString.copyFrom(sig.encode()))
        .build();
  }

  /** The scheduler's authorization of {@code worker} for {@code taskId}. */
  public static ByteString authorize(
      String chainId,
      Address worker,
      ByteString taskId,
      ByteString enclave,
      BigInteger schedulerKey) {
    Signature sig =
        Secp256k1.sign(schedulerKey, authorizationDigest(chainId, worker, taskId, enclave));
    return ByteString.copyFrom(sig.encode());
  }

  /** The worker who signed {@code c}; empty when the signature is malformed or not low-s. */
  public static Optional<Address> signer(String chainId, SignedContribution c) {
    byte[] digest =
        contributionDigest(
            chainId, c.getTaskId(), c.getResultHash(), c.getResultSeal(), c.getEnclave());
    return SignedOrders.recover(ByteString.copyFrom(digest), c.getSignature());
  }

  private static ByteString enclave20(ByteString enclave) {
    return enclave.isEmpty() ? PocoIds.ZERO_ADDRESS : enclave;
  }
}
