package io.poco.core.task;

import com.google.protobuf.ByteString;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgClaimTask;
import io.poco.proto.v1.MsgContribute;
import io.poco.proto.v1.MsgContributeAndFinalize;
import io.poco.proto.v1.MsgContributeBatch;
import io.poco.proto.v1.MsgFinalizeTask;
import io.poco.proto.v1.MsgInitializeTask;
import io.poco.proto.v1.MsgMatchOrders;
import io.poco.proto.v1.MsgRegisterApp;
import io.poco.proto.v1.MsgRegisterDataset;
import io.poco.proto.v1.MsgRegisterWorkerpool;
import io.poco.proto.v1.MsgReopenTask;
import io.poco.proto.v1.MsgReveal;
import io.poco.proto.v1.MsgRevealBatch;
import io.poco.proto.v1.RevealItem;
import io.poco.proto.v1.SignedContribution;
import io.poco.proto.v1.SignedOrder;
import java.util.List;

/** Builders of PoCo messages for tests. */
public final class PocoMsgs {

  private PocoMsgs() {}

  public static Msg registerApp(boolean deterministic) {
    return Msg.newBuilder()
        .setRegisterApp(
            MsgRegisterApp.newBuilder()
                .setName("app")
                .setImage("registry/app:1")
                .setDeterministic(deterministic))
        .build();
  }

  public static Msg registerDataset() {
    return Msg.newBuilder()
        .setRegisterDataset(MsgRegisterDataset.newBuilder().setName("data").setLocation("ipfs://x"))
        .build();
  }

  /** Null ratios take the defaults. */
  public static Msg registerWorkerpool(Integer stakeRatio, Integer schedulerRatio) {
    MsgRegisterWorkerpool.Builder m = MsgRegisterWorkerpool.newBuilder().setDescription("pool");
    if (stakeRatio != null) {
      m.setWorkerStakeRatio(stakeRatio);
    }
    if (schedulerRatio != null) {
      m.setSchedulerRewardRatio(schedulerRatio);
    }
    return Msg.newBuilder().setRegisterWorkerpool(m).build();
  }

  /** {@code dataset} may be null. */
  public static Msg match(
      SignedOrder app, SignedOrder dataset, SignedOrder pool, SignedOrder request) {
    MsgMatchOrders.Builder m =
        MsgMatchOrders.newBuilder()
            .setAppOrder(app)
            .setWorkerpoolOrder(pool)
            .setRequestOrder(request);
    if (dataset != null) {
      m.setDatasetOrder(dataset);
    }
    return Msg.newBuilder().setMatchOrders(m).build();
  }

  public static Msg initialize(ByteString dealId, long idx) {
    return Msg.newBuilder()
        .setInitializeTask(MsgInitializeTask.newBuilder().setDealId(dealId).setIdx(idx))
        .build();
  }

  public static Msg claim(ByteString dealId, long idx) {
    return Msg.newBuilder()
        .setClaimTask(MsgClaimTask.newBuilder().setDealId(dealId).setIdx(idx))
        .build();
  }

  public static Msg contribute(SignedContribution c, ByteString authorization) {
    return Msg.newBuilder()
        .setContribute(
            MsgContribute.newBuilder().setContribution(c).setAuthorization(authorization))
        .build();
  }

  public static Msg contributeBatch(List<SignedContribution> cs) {
    return Msg.newBuilder()
        .setContributeBatch(MsgContributeBatch.newBuilder().addAllContributions(cs))
        .build();
  }

  public static Msg reveal(ByteString taskId, ByteString digest) {
    return Msg.newBuilder()
        .setReveal(MsgReveal.newBuilder().setTaskId(taskId).setResultDigest(digest))
        .build();
  }

  public static RevealItem revealItem(ByteString taskId, ByteString worker, ByteString digest) {
    return RevealItem.newBuilder()
        .setTaskId(taskId)
        .setWorker(worker)
        .setResultDigest(digest)
        .build();
  }

  public static Msg revealBatch(List<RevealItem> items) {
    return Msg.newBuilder()
        .setRevealBatch(MsgRevealBatch.newBuilder().addAllReveals(items))
        .build();
  }

  public static Msg reopen(ByteString taskId) {
    return Msg.newBuilder().setReopenTask(MsgReopenTask.newBuilder().setTaskId(taskId)).build();
  }

  public static Msg finalizeTask(ByteString taskId) {
    return Msg.newBuilder()
        .setFinalizeTask(
            MsgFinalizeTask.newBuilder()
                .setTaskId(taskId)
                .setResults(ByteString.copyFromUtf8("ipfs://results")))
        .build();
  }

  public static Msg contributeAndFinalize(
      ByteString taskId, ByteString digest, ByteString authorization) {
    return Msg.newBuilder()
        .setContributeAndFinalize(
            MsgContributeAndFinalize.newBuilder()
                .setTaskId(taskId)
                .setResultDigest(digest)
                .setAuthorization(authorization))
        .build();
  }

  /** A 32-byte digest made from a small vote number. */
  public static ByteString digest(int vote) {
    byte[] d = new byte[32];
    d[31] = (byte) vote;
    d[30] = (byte) (vote >> 8);
    d[0] = 0x5e;
    return ByteString.copyFrom(d);
  }
}
