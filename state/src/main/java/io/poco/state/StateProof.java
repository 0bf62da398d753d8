package io.poco.state;

import com.google.protobuf.ByteString;
import io.poco.state.proof.ProofVerifier;
import java.util.Optional;

/**
 * A value (or its absence) at a height, with the proof bytes that {@link ProofVerifier} checks
 * against {@code root}, the app hash of that height.
 */
public record StateProof(
    long height, ByteString key, Optional<ByteString> value, ByteString root, ByteString proof) {

  /** The ABCI proof op type of a state proof ({@code data} = proof bytes, {@code key} = key). */
  public static final String OP_TYPE = "poco:smt-keccak256:v1";

  /** Checks this proof with the standalone verifier. */
  public boolean verify() {
    return value.isPresent()
        ? ProofVerifier.verifyMembership(
            root.toByteArray(), key.toByteArray(), value.get().toByteArray(), proof.toByteArray())
        : ProofVerifier.verifyAbsence(root.toByteArray(), key.toByteArray(), proof.toByteArray());
  }
}
