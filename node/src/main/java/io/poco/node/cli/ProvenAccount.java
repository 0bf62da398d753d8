package io.poco.node.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poco.core.crypto.Address;
import io.poco.node.comet.CometRpcClient;
import io.poco.node.comet.HeaderAppHash;
import io.poco.proto.v1.AccountRequest;
import io.poco.proto.v1.AccountResponse;
import io.poco.state.StateProof;
import io.poco.state.proof.ProofVerifier;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * {@code poco query account ADDRESS --prove}: fetches the account with its proof, checks the proof
 * with {@link ProofVerifier} against the app hash of CometBFT's header at height + 1 (from the
 * node, or from {@code --rpc} when given), and prints the account with the proof.
 */
final class ProvenAccount {

  private ProvenAccount() {}

  static int query(
      NodeOption node, OutputOption output, Address address, long height, String rpcUrl) {
    AccountResponse r =
        QueryCommand.withQuery(
            node,
            q ->
                q.account(
                    AccountRequest.newBuilder()
                        .setAddress(address.bytes())
                        .setHeight(height)
                        .setProve(true)
                        .build()));
    byte[] appHash = r.getAppHash().toByteArray();
    if (rpcUrl != null) {
      try {
        appHash =
            HeaderAppHash.after(new CometRpcClient(rpcUrl), r.getHeight(), Duration.ofSeconds(20));
      } catch (IOException e) {
        throw new UsageException("cannot read the header from " + rpcUrl + ": " + e.getMessage());
      }
    }
    byte[] key = r.getKey().toByteArray();
    byte[] proof = r.getProof().toByteArray();
    boolean verified =
        r.getExists()
            ? ProofVerifier.verifyMembership(appHash, key, r.getAccount().toByteArray(), proof)
            : ProofVerifier.verifyAbsence(appHash, key, proof);
    HexFormat hex = HexFormat.of();
    ObjectNode out = OutputOption.object();
    out.put("address", address.toHex());
    out.put("balance", Long.toString(r.getAccount().getBalance()));
    out.put("locked", Long.toString(r.getAccount().getLocked()));
    out.put("nonce", Long.toString(r.getAccount().getNonce()));
    out.put("exists", r.getExists());
    out.put("height", r.getHeight());
    ObjectNode p = out.putObject("proof");
    p.put("type", StateProof.OP_TYPE);
    p.put("key", hex.formatHex(key));
    p.put("value", r.getExists() ? hex.formatHex(r.getAccount().toByteArray()) : "");
    p.put("data", hex.formatHex(proof));
    p.put("header_height", r.getHeight() + 1);
    p.put("app_hash", hex.withUpperCase().formatHex(appHash));
    p.put("app_hash_source", rpcUrl == null ? "node" : rpcUrl);
    p.put("verified", verified);
    if (!verified) {
      System.err.println(
          "error: the proof does not verify against the app hash "
              + hex.formatHex(appHash)
              + " of header "
              + (r.getHeight() + 1)
              + (Arrays.equals(appHash, new byte[0]) ? " (no app hash)" : ""));
      output.print(out);
      return ExitCodes.USAGE;
    }
    output.print(out);
    return ExitCodes.OK;
  }
}
