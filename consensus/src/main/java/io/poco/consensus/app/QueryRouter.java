package io.poco.consensus.app;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.exec.Schema;
import io.poco.proto.abci.RequestQuery;
import io.poco.proto.abci.ResponseQuery;
import io.poco.proto.crypto.ProofOp;
import io.poco.proto.crypto.ProofOps;
import io.poco.state.StateProof;
import io.poco.state.VersionedStore;
import java.util.Optional;

/**
 * ABCI Query paths: {@code /account} (data: 20-byte address), {@code /params}, and {@code
 * /store/key} (data: a raw state key). Height 0 means the last committed height. The value is the
 * stored protobuf record, empty when absent. With {@code prove}, {@code proof_ops} holds one op of
 * type {@link #PROOF_OP_TYPE}: {@code key} is the state key, {@code data} the proof bytes that
 * {@link io.poco.state.proof.ProofVerifier} checks against the app hash of {@code height} (carried
 * by CometBFT's header at {@code height + 1}).
 */
final class QueryRouter {

  static final int CODE_UNKNOWN_PATH = 1;
  static final int CODE_BAD_REQUEST = 2;
  static final int CODE_HEIGHT_UNAVAILABLE = 3;
  static final String CODESPACE = "query";

  /** The ABCI proof op type of a state proof. */
  static final String PROOF_OP_TYPE = StateProof.OP_TYPE;

  private final VersionedStore store;

  QueryRouter(VersionedStore store) {
    this.store = store;
  }

  ResponseQuery route(RequestQuery request) {
    long height = request.getHeight() == 0 ? store.lastHeight() : request.getHeight();
    if (height > store.lastHeight()
        || height < store.earliestRetainedHeight()
        || height <= 0
        || store.root(height).isEmpty()) {
      return error(
          CODE_HEIGHT_UNAVAILABLE,
          "height "
              + request.getHeight()
              + " is not available: retained heights are "
              + store.earliestRetainedHeight()
              + ".."
              + store.lastHeight());
    }
    ByteString key;
    switch (request.getPath()) {
      case "/account" -> {
        if (!Address.isValid(request.getData())) {
          return error(CODE_BAD_REQUEST, "/account needs a 20-byte address as data");
        }
        key = Schema.ACCOUNTS.key(request.getData());
      }
      case "/params" -> key = Schema.PARAMS.key(Schema.SINGLETON);
      case "/store/key" -> key = request.getData();
      default -> {
        return error(
            CODE_UNKNOWN_PATH,
            "unknown query path '"
                + request.getPath()
                + "' (known: /account, /params, /store/key)");
      }
    }
    if (request.getProve()) {
      StateProof proof = store.prove(height, key);
      return answer(key, proof.value(), height)
          .setProofOps(
              ProofOps.newBuilder()
                  .addOps(
                      ProofOp.newBuilder()
                          .setType(PROOF_OP_TYPE)
                          .setKey(key)
                          .setData(proof.proof())))
          .build();
    }
    return answer(key, store.get(height, key), height).build();
  }

  private static ResponseQuery.Builder answer(
      ByteString key, Optional<ByteString> value, long height) {
    return ResponseQuery.newBuilder()
        .setKey(key)
        .setValue(value.orElse(ByteString.EMPTY))
        .setHeight(height)
        .setLog(value.isPresent() ? "exists" : "does not exist");
  }

  private static ResponseQuery error(int code, String log) {
    return ResponseQuery.newBuilder().setCode(code).setCodespace(CODESPACE).setLog(log).build();
  }
}
