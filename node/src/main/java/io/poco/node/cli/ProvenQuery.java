package io.poco.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.poco.node.comet.CometRpcClient;
import io.poco.node.comet.HeaderAppHash;
import io.poco.state.StateProof;
import io.poco.state.proof.ProofVerifier;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The one path of {@code poco query ... --prove}: reads a state key with {@code abci_query} ({@code
 * path=/store/key}, {@code prove=true}) over CometBFT's RPC, checks the returned proof with {@link
 * ProofVerifier} against the app hash of the header at height + 1 from the same endpoint, and
 * returns the verified value. A proof that does not verify is refused with a {@link UsageException}
 * (exit code 2), and nothing is printed as if it were state.
 */
final class ProvenQuery {

  /** A verified value (empty = proven absent) at {@code height}, with its proof. */
  record Proven(
      long height, ByteString key, Optional<ByteString> value, byte[] proof, byte[] appHash) {}

  private ProvenQuery() {}

  /** Reads {@code key} at {@code height} (0 = latest) with a proof, verified. */
  static Proven fetch(String rpcUrl, ByteString key, long height) {
    CometRpcClient rpc = new CometRpcClient(rpcUrl);
    JsonNode response;
    try {
      ObjectNode params = JsonNodeFactory.instance.objectNode();
      params.put("path", "/store/key");
      params.put("data", HexFormat.of().formatHex(key.toByteArray()));
      params.put("height", Long.toString(height));
      params.put("prove", true);
      response = rpc.call("abci_query", params, Duration.ofSeconds(20)).path("response");
    } catch (IOException e) {
      throw new UsageException("abci_query on " + rpcUrl + " failed: " + e.getMessage());
    }
    if (response.path("code").asLong(0) != 0) {
      throw new UsageException(
          "the node refused the query (code "
              + response.path("code").asLong()
              + "): "
              + response.path("log").asText(""));
    }
    long at = Long.parseLong(response.path("height").asText("0"));
    JsonNode ops =
        response.has("proof_ops") ? response.path("proof_ops") : response.path("proofOps");
    JsonNode op = ops.path("ops").path(0);
    if (!StateProof.OP_TYPE.equals(op.path("type").asText(""))) {
      throw new UsageException(
          "the node's answer carries no " + StateProof.OP_TYPE + " proof (is it a PoCo node?)");
    }
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] proof = b64.decode(op.path("data").asText(""));
    byte[] value = b64.decode(response.path("value").asText(""));
    boolean exists = "exists".equals(response.path("log").asText(""));
    byte[] appHash;
    try {
      appHash = HeaderAppHash.after(rpc, at, Duration.ofSeconds(20));
    } catch (IOException e) {
      throw new UsageException("cannot read header " + (at + 1) + ": " + e.getMessage());
    }
    byte[] k = key.toByteArray();
    boolean verified =
        exists
            ? ProofVerifier.verifyMembership(appHash, k, value, proof)
            : ProofVerifier.verifyAbsence(appHash, k, proof);
    if (!verified) {
      throw new UsageException(
          "the proof of key "
              + HexFormat.of().formatHex(k)
              + " at height "
              + at
              + " does not verify against the app hash "
              + HexFormat.of().withUpperCase().formatHex(appHash)
              + " of header "
              + (at + 1)
              + ": refusing the answer");
    }
    return new Proven(
        at,
        key,
        exists ? Optional.of(ByteString.copyFrom(value)) : Optional.empty(),
        proof,
        appHash);
  }

  /** The proof object printed under {@code "proof"}, as {@code query account --prove} prints it. */
  static void put(ObjectNode out, String rpcUrl, Proven p) {
    HexFormat hex = HexFormat.of();
    ObjectNode j = out.putObject("proof");
    j.put("type", StateProof.OP_TYPE);
    j.put("key", hex.formatHex(p.key().toByteArray()));
    j.put("value", p.value().map(v -> hex.formatHex(v.toByteArray())).orElse(""));
    j.put("data", hex.formatHex(p.proof()));
    j.put("header_height", p.height() + 1);
    j.put("app_hash", hex.withUpperCase().formatHex(p.appHash()));
    j.put("app_hash_source", rpcUrl);
    j.put("verified", true);
  }
}
