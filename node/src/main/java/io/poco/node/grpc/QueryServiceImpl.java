package io.poco.node.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.poco.consensus.app.PocoApplication;
import io.poco.core.crypto.Address;
import io.poco.core.exec.Schema;
import io.poco.core.exec.SupplyAudit;
import io.poco.core.ids.PocoIds;
import io.poco.core.staking.StakingKeeper;
import io.poco.core.task.TaskKeeper;
import io.poco.core.task.WorkerContribution;
import io.poco.core.verify.SpotChecks;
import io.poco.core.verify.VerifierKeeper;
import io.poco.node.comet.CometRpcClient;
import io.poco.node.comet.HeaderAppHash;
import io.poco.proto.abci.ResponseQuery;
import io.poco.proto.v1.Account;
import io.poco.proto.v1.AccountRequest;
import io.poco.proto.v1.AccountResponse;
import io.poco.proto.v1.ChainParams;
import io.poco.proto.v1.CheckRequest;
import io.poco.proto.v1.CheckResponse;
import io.poco.proto.v1.ContributionsRequest;
import io.poco.proto.v1.ContributionsResponse;
import io.poco.proto.v1.DealRequest;
import io.poco.proto.v1.DealResponse;
import io.poco.proto.v1.ParamsRequest;
import io.poco.proto.v1.ParamsResponse;
import io.poco.proto.v1.QueryServiceGrpc;
import io.poco.proto.v1.StateValueRequest;
import io.poco.proto.v1.StateValueResponse;
import io.poco.proto.v1.StatusRequest;
import io.poco.proto.v1.StatusResponse;
import io.poco.proto.v1.Supply;
import io.poco.proto.v1.SupplyRequest;
import io.poco.proto.v1.SupplyResponse;
import io.poco.proto.v1.TaskRequest;
import io.poco.proto.v1.TaskResponse;
import io.poco.proto.v1.ValidatorRequest;
import io.poco.proto.v1.ValidatorResponse;
import io.poco.proto.v1.ValidatorsRequest;
import io.poco.proto.v1.ValidatorsResponse;
import io.poco.proto.v1.VerifierRequest;
import io.poco.proto.v1.VerifierResponse;
import io.poco.proto.v1.WorkerContributionView;
import io.poco.proto.v1.WorkerRequest;
import io.poco.proto.v1.WorkerResponse;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Optional;

/** Reads committed state from the application in this process; status from CometBFT's RPC. */
public final class QueryServiceImpl extends QueryServiceGrpc.QueryServiceImplBase {

  private final PocoApplication app;
  private final CometRpcClient rpc;

  public QueryServiceImpl(PocoApplication app, CometRpcClient rpc) {
    this.app = app;
    this.rpc = rpc;
  }

  @Override
  public void account(AccountRequest request, StreamObserver<AccountResponse> out) {
    if (!isAddress(request.getAddress(), out)) {
      return;
    }
    ResponseQuery q =
        app.read("/account", request.getAddress(), request.getHeight(), request.getProve());
    if (q.getCode() != 0) {
      out.onError(Status.OUT_OF_RANGE.withDescription(q.getLog()).asException());
      return;
    }
    AccountResponse.Builder b =
        AccountResponse.newBuilder()
            .setAddress(request.getAddress())
            .setHeight(q.getHeight())
            .setKey(q.getKey())
            .setExists(!q.getValue().isEmpty());
    if (request.getProve()) {
      Optional<ByteString> appHash = appHashAfter(q.getHeight(), out);
      if (appHash.isEmpty()) {
        return;
      }
      b.setProof(q.getProofOps().getOps(0).getData()).setAppHash(appHash.get());
    }
    try {
      b.setAccount(Account.parseFrom(q.getValue()));
    } catch (InvalidProtocolBufferException e) {
      out.onError(Status.DATA_LOSS.withDescription("corrupt account record").asException());
      return;
    }
    out.onNext(b.build());
    out.onCompleted();
  }

  /**
   * The app hash of CometBFT's header at {@code height + 1}, waited for up to 20 s; empty after
   * answering {@code UNAVAILABLE} if it does not come.
   */
  private Optional<ByteString> appHashAfter(long height, StreamObserver<?> out) {
    try {
      return Optional.of(
          ByteString.copyFrom(HeaderAppHash.after(rpc, height, java.time.Duration.ofSeconds(20))));
    } catch (IOException e) {
      out.onError(Status.UNAVAILABLE.withDescription(e.getMessage()).asException());
      return Optional.empty();
    }
  }

  @Override
  public void stateValue(StateValueRequest request, StreamObserver<StateValueResponse> out) {
    if (request.getKey().isEmpty()) {
      out.onError(Status.INVALID_ARGUMENT.withDescription("key is empty").asException());
      return;
    }
    ResponseQuery q = app.read("/store/key", request.getKey(), request.getHeight(), true);
    if (q.getCode() != 0) {
      out.onError(Status.OUT_OF_RANGE.withDescription(q.getLog()).asException());
      return;
    }
    Optional<ByteString> appHash = appHashAfter(q.getHeight(), out);
    if (appHash.isEmpty()) {
      return;
    }
    out.onNext(
        StateValueResponse.newBuilder()
            .setKey(q.getKey())
            .setValue(q.getValue())
            .setExists(!q.getValue().isEmpty())
            .setHeight(q.getHeight())
            .setProof(q.getProofOps().getOps(0).getData())
            .setAppHash(appHash.get())
            .build());
    out.onCompleted();
  }

  @Override
  public void params(ParamsRequest request, StreamObserver<ParamsResponse> out) {
    ResponseQuery q = app.read("/params", ByteString.EMPTY, 0);
    if (q.getCode() != 0) {
      out.onError(Status.UNAVAILABLE.withDescription(q.getLog()).asException());
      return;
    }
    try {
      out.onNext(
          ParamsResponse.newBuilder()
              .setParams(ChainParams.parseFrom(q.getValue()))
              .setHeight(q.getHeight())
              .build());
      out.onCompleted();
    } catch (InvalidProtocolBufferException e) {
      out.onError(Status.DATA_LOSS.withDescription("corrupt params record").asException());
    }
  }

  @Override
  public void status(StatusRequest request, StreamObserver<StatusResponse> out) {
    try {
      JsonNode s = rpc.status();
      JsonNode sync = s.path("sync_info");
      JsonNode node = s.path("node_info");
      String appHash = sync.path("latest_app_hash").asText("");
      out.onNext(
          StatusResponse.newBuilder()
              .setChainId(node.path("network").asText(app.chainId()))
              .setLatestHeight(sync.path("latest_block_height").asLong())
              .setLatestAppHash(ByteString.copyFrom(HexFormat.of().parseHex(appHash)))
              .setLatestBlockTime(sync.path("latest_block_time").asText(""))
              .setNodeId(node.path("id").asText(""))
              .setMoniker(node.path("moniker").asText(""))
              .setCatchingUp(sync.path("catching_up").asBoolean())
              .setAppVersion(node.path("version").asText(""))
              .build());
      out.onCompleted();
    } catch (IOException e) {
      out.onError(Status.UNAVAILABLE.withDescription(e.getMessage()).asException());
    }
  }

  @Override
  public void deal(DealRequest request, StreamObserver<DealResponse> out) {
    if (!isId(request.getId(), "deal id", out)) {
      return;
    }
    DealResponse r =
        app.readLatest(
            (state, height) ->
                TaskKeeper.deal(state, request.getId())
                    .map(d -> DealResponse.newBuilder().setDeal(d).setHeight(height).build())
                    .orElse(null));
    answer(r, "no deal " + PocoIds.hex(request.getId()), out);
  }

  @Override
  public void task(TaskRequest request, StreamObserver<TaskResponse> out) {
    if (!isId(request.getId(), "task id", out)) {
      return;
    }
    TaskResponse r =
        app.readLatest(
            (state, height) ->
                TaskKeeper.task(state, request.getId())
                    .map(t -> TaskResponse.newBuilder().setTask(t).setHeight(height).build())
                    .orElse(null));
    answer(r, "no task " + PocoIds.hex(request.getId()) + " (never initialized)", out);
  }

  @Override
  public void contributions(
      ContributionsRequest request, StreamObserver<ContributionsResponse> out) {
    if (!isId(request.getTaskId(), "task id", out)) {
      return;
    }
    ContributionsResponse r =
        app.readLatest(
            (state, height) -> {
              ContributionsResponse.Builder b =
                  ContributionsResponse.newBuilder().setHeight(height);
              for (WorkerContribution c : TaskKeeper.contributions(state, request.getTaskId())) {
                b.addContributions(
                    WorkerContributionView.newBuilder()
                        .setWorker(c.worker().bytes())
                        .setContribution(c.contribution()));
              }
              return b.build();
            });
    answer(r, "", out);
  }

  @Override
  public void worker(WorkerRequest request, StreamObserver<WorkerResponse> out) {
    if (!isAddress(request.getAddress(), out)) {
      return;
    }
    Address worker = new Address(request.getAddress());
    WorkerResponse r =
        app.readLatest(
            (state, height) ->
                WorkerResponse.newBuilder()
                    .setAddress(request.getAddress())
                    .setScore(TaskKeeper.score(state, worker))
                    .setBlacklistedUntil(TaskKeeper.blacklistedUntil(state, worker))
                    .setHeight(height)
                    .build());
    answer(r, "", out);
  }

  @Override
  public void pending(
      io.poco.proto.v1.PendingRequest request,
      StreamObserver<io.poco.proto.v1.PendingResponse> out) {
    if (!isAddress(request.getAddress(), out)) {
      return;
    }
    io.poco.proto.v1.PendingResponse r =
        app.readLatest(
            (state, height) -> PendingView.of(state, new Address(request.getAddress()), height));
    answer(r, "", out);
  }

  @Override
  public void validator(ValidatorRequest request, StreamObserver<ValidatorResponse> out) {
    if (!isAddress(request.getOperator(), out)) {
      return;
    }
    Address operator = new Address(request.getOperator());
    ValidatorResponse r =
        app.readLatest(
            (state, height) ->
                StakingKeeper.validator(state, operator)
                    .map(
                        v ->
                            ValidatorResponse.newBuilder()
                                .setValidator(ValidatorViews.of(state, v))
                                .setHeight(height)
                                .build())
                    .orElse(null));
    answer(r, operator + " operates no validator", out);
  }

  @Override
  public void validators(ValidatorsRequest request, StreamObserver<ValidatorsResponse> out) {
    if (request.getLimit() > ValidatorViews.MAX_LIMIT) {
      out.onError(
          Status.INVALID_ARGUMENT
              .withDescription("limit is at most " + ValidatorViews.MAX_LIMIT)
              .asException());
      return;
    }
    if (!request.getStartAfter().isEmpty() && !isAddress(request.getStartAfter(), out)) {
      return;
    }
    int limit = request.getLimit() == 0 ? ValidatorViews.DEFAULT_LIMIT : request.getLimit();
    answer(
        app.readLatest(
            (state, height) ->
                ValidatorViews.page(
                    state, request.getStartAfter(), limit, request.getActiveOnly(), height)),
        "",
        out);
  }

  @Override
  public void supply(SupplyRequest request, StreamObserver<SupplyResponse> out) {
    answer(
        app.readLatest(
            (state, height) ->
                SupplyResponse.newBuilder()
                    .setSupply(
                        Schema.SUPPLY
                            .get(state, Schema.SINGLETON)
                            .orElse(Supply.getDefaultInstance()))
                    .setAudit(SupplyAudit.check(state))
                    .setStaked(StakingKeeper.held(state))
                    .setHeight(height)
                    .build()),
        "",
        out);
  }

  @Override
  public void verifier(VerifierRequest request, StreamObserver<VerifierResponse> out) {
    if (!isAddress(request.getAddress(), out)) {
      return;
    }
    Address address = new Address(request.getAddress());
    VerifierResponse r =
        app.readLatest(
            (state, height) ->
                VerifierKeeper.get(state, address)
                    .map(
                        v ->
                            VerifierResponse.newBuilder()
                                .setAddress(request.getAddress())
                                .setVerifier(v)
                                .setScore(TaskKeeper.score(state, address))
                                .setHeight(height)
                                .build())
                    .orElse(null));
    answer(r, address + " is not a registered verifier", out);
  }

  @Override
  public void check(CheckRequest request, StreamObserver<CheckResponse> out) {
    if (request.getTaskId().size() != 32) {
      out.onError(
          Status.INVALID_ARGUMENT
              .withDescription("task_id must be 32 bytes, got " + request.getTaskId().size())
              .asException());
      return;
    }
    CheckResponse r =
        app.readLatest(
            (state, height) ->
                SpotChecks.check(state, request.getTaskId())
                    .map(c -> CheckResponse.newBuilder().setCheck(c).setHeight(height).build())
                    .orElse(null));
    answer(r, "task " + PocoIds.hex(request.getTaskId()) + " was never checked", out);
  }

  private static boolean isAddress(ByteString address, StreamObserver<?> out) {
    if (!Address.isValid(address)) {
      out.onError(
          Status.INVALID_ARGUMENT
              .withDescription("address must be 20 bytes, got " + address.size())
              .asException());
      return false;
    }
    return true;
  }

  private static boolean isId(ByteString id, String what, StreamObserver<?> out) {
    if (id.size() != 32) {
      out.onError(
          Status.INVALID_ARGUMENT
              .withDescription(what + " must be 32 bytes, got " + id.size())
              .asException());
      return false;
    }
    return true;
  }

  private static <T> void answer(T response, String notFound, StreamObserver<T> out) {
    if (response == null) {
      out.onError(Status.NOT_FOUND.withDescription(notFound).asException());
      return;
    }
    out.onNext(response);
    out.onCompleted();
  }
}
