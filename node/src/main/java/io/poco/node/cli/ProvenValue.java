package io.poco.node.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.poco.node.comet.CometRpcClient;
import io.poco.node.comet.HeaderAppHash;
import io.poco.proto.v1.StateValueRequest;
import io.poco.proto.v1.StateValueResponse;
import io.poco.state.Column;
import io.poco.state.StateProof;
import io.poco.state.proof.ProofVerifier;
import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One state value read with {@code QueryService/StateValue} and its proof checked by {@link
 * ProofVerifier} against the app hash of CometBFT's header at height + 1 (from the node, or from a
 * CometBFT RPC endpoint the user names). Commands print what they decode from {@link #value()},
 * never from an unproven answer.
 */
record ProvenValue(
    ByteString key,
    ByteString value,
    boolean exists,
    long height,
    byte[] appHash,
    String appHashSource,
    byte[] proof,
    boolean verified) {

  /** Reads {@code key} at {@code height} (0 = latest) and checks its proof. */
  static ProvenValue fetch(NodeOption node, ByteString key, long height, String rpcUrl) {
    StateValueResponse r =
        QueryCommand.withQuery(
            node,
            q ->
                q.stateValue(StateValueRequest.newBuilder().setKey(key).setHeight(height).build()));
    byte[] appHash = r.getAppHash().toByteArray();
    if (rpcUrl != null) {
      try {
        appHash =
            HeaderAppHash.after(new CometRpcClient(rpcUrl), r.getHeight(), Duration.ofSeconds(20));
      } catch (IOException e) {
        throw new UsageException("cannot read the header from " + rpcUrl + ": " + e.getMessage());
      }
    }
    byte[] proof = r.getProof().toByteArray();
    boolean verified =
        r.getExists()
            ? ProofVerifier.verifyMembership(
                appHash, key.toByteArray(), r.getValue().toByteArray(), proof)
            : ProofVerifier.verifyAbsence(appHash, key.toByteArray(), proof);
    return new ProvenValue(
        key,
        r.getValue(),
        r.getExists(),
        r.getHeight(),
        appHash,
        rpcUrl == null ? "node" : rpcUrl,
        proof,
        verified);
  }

  /** The proven value decoded as {@code column}'s, empty when the key is proven absent. */
  <V> Optional<V> decode(Column<?, V> column) {
    return exists ? Optional.of(column.decodeValue(value)) : Optional.empty();
  }

  /** The proof as printed under {@code "proof"}. */
  ObjectNode json() {
    HexFormat hex = HexFormat.of();
    ObjectNode p = OutputOption.object();
    p.put("type", StateProof.OP_TYPE);
    p.put("key", hex.formatHex(key.toByteArray()));
    p.put("value", hex.formatHex(value.toByteArray()));
    p.put("data", hex.formatHex(proof));
    p.put("header_height", height + 1);
    p.put("app_hash", hex.withUpperCase().formatHex(appHash));
    p.put("app_hash_source", appHashSource);
    p.put("verified", verified);
    return p;
  }

  /**
   * Prints {@code out} with its height and {@code "proof"}; when the proof does not verify, says so
   * on stderr and returns exit code 1.
   */
  int print(OutputOption output, ObjectNode out) {
    out.put("height", height);
    out.set("proof", json());
    output.print(out);
    return check() ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  /** True if the proof verifies; otherwise says so on stderr. */
  boolean check() {
    if (!verified) {
      System.err.println(
          "error: the proof of key "
              + HexFormat.of().formatHex(key.toByteArray())
              + " does not verify against the app hash "
              + HexFormat.of().formatHex(appHash)
              + " of header "
              + (height + 1));
    }
    return verified;
  }
}
