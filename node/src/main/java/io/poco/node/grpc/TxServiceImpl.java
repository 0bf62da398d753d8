package io.poco.node.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.poco.consensus.app.PocoApplication;
import io.poco.core.exec.ExecutionResult;
import io.poco.core.tx.TxCode;
import io.poco.node.comet.CometRpcClient;
import io.poco.node.comet.CometRpcException;
import io.poco.proto.v1.BroadcastMode;
import io.poco.proto.v1.BroadcastRequest;
import io.poco.proto.v1.BroadcastResponse;
import io.poco.proto.v1.GetTxRequest;
import io.poco.proto.v1.GetTxResponse;
import io.poco.proto.v1.SimulateRequest;
import io.poco.proto.v1.SimulateResponse;
import io.poco.proto.v1.TxResult;
import io.poco.proto.v1.TxServiceGrpc;
import java.util.Base64;
import java.util.HexFormat;

/** Broadcasts through CometBFT's RPC; simulates against the application's mempool state. */
public final class TxServiceImpl extends TxServiceGrpc.TxServiceImplBase {

  private final CometRpcClient rpc;
  private final PocoApplication app;

  public TxServiceImpl(CometRpcClient rpc, PocoApplication app) {
    this.rpc = rpc;
    this.app = app;
  }

  @Override
  public void broadcast(BroadcastRequest request, StreamObserver<BroadcastResponse> out) {
    if (request.getTx().isEmpty()) {
      out.onError(Status.INVALID_ARGUMENT.withDescription("tx is empty").asException());
      return;
    }
    try {
      byte[] tx = request.getTx().toByteArray();
      BroadcastResponse.Builder b = BroadcastResponse.newBuilder();
      if (request.getMode() == BroadcastMode.BROADCAST_MODE_COMMIT) {
        JsonNode r = rpc.broadcastTxCommit(tx);
        b.setHash(hash(r))
            .setCheck(RpcResults.txResult(r.path("check_tx")))
            .setHeight(r.path("height").asLong(0));
        if (r.has("tx_result")) {
          b.setResult(RpcResults.txResult(r.path("tx_result")));
        }
      } else {
        JsonNode r = rpc.broadcastTxSync(tx);
        b.setHash(hash(r)).setCheck(RpcResults.txResult(r));
      }
      out.onNext(b.build());
      out.onCompleted();
    } catch (CometRpcException e) {
      out.onError(Status.UNAVAILABLE.withDescription(e.getMessage()).asException());
    } catch (java.io.IOException e) {
      out.onError(Status.INTERNAL.withDescription(e.getMessage()).asException());
    }
  }

  @Override
  public void simulate(SimulateRequest request, StreamObserver<SimulateResponse> out) {
    ExecutionResult result = app.simulate(request.getTx());
    TxResult.Builder check =
        TxResult.newBuilder()
            .setCode(result.outcome().code().code())
            .setLog(result.outcome().log());
    if (!result.outcome().isOk()) {
      check.setCodespace(TxCode.CODESPACE);
    }
    out.onNext(SimulateResponse.newBuilder().setCheck(check).build());
    out.onCompleted();
  }

  @Override
  public void getTx(GetTxRequest request, StreamObserver<GetTxResponse> out) {
    if (request.getHash().size() != 32) {
      out.onError(
          Status.INVALID_ARGUMENT
              .withDescription("hash must be 32 bytes (SHA-256 of the transaction)")
              .asException());
      return;
    }
    try {
      JsonNode r = rpc.tx(request.getHash().toByteArray());
      out.onNext(
          GetTxResponse.newBuilder()
              .setHash(request.getHash())
              .setHeight(r.path("height").asLong())
              .setIndex(r.path("index").asInt())
              .setTx(ByteString.copyFrom(Base64.getDecoder().decode(r.path("tx").asText(""))))
              .setResult(RpcResults.txResult(r.path("tx_result")))
              .build());
      out.onCompleted();
    } catch (CometRpcException e) {
      Status status = e.getMessage().contains("not found") ? Status.NOT_FOUND : Status.UNAVAILABLE;
      out.onError(status.withDescription(e.getMessage()).asException());
    } catch (java.io.IOException e) {
      out.onError(Status.INTERNAL.withDescription(e.getMessage()).asException());
    }
  }

  private static ByteString hash(JsonNode result) {
    String hex = result.path("hash").asText("");
    return hex.isEmpty() ? ByteString.EMPTY : ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }
}
