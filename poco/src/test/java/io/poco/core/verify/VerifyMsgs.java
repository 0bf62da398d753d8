package io.poco.core.verify;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.task.ResultBinding;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgChallenge;
import io.poco.proto.v1.MsgDeregisterVerifier;
import io.poco.proto.v1.MsgRegisterVerifier;
import io.poco.proto.v1.MsgVerifierCommit;
import io.poco.proto.v1.MsgVerifierReveal;

/** Verifier and challenge messages for tests. */
final class VerifyMsgs {

  private VerifyMsgs() {}

  static Msg register() {
    return Msg.newBuilder().setRegisterVerifier(MsgRegisterVerifier.getDefaultInstance()).build();
  }

  static Msg deregister() {
    return Msg.newBuilder()
        .setDeregisterVerifier(MsgDeregisterVerifier.getDefaultInstance())
        .build();
  }

  /** The commit of {@code verifier} for {@code digest}, bound as a worker's contribution. */
  static Msg commit(Address verifier, ByteString taskId, ByteString digest) {
    return Msg.newBuilder()
        .setVerifierCommit(
            MsgVerifierCommit.newBuilder()
                .setTaskId(taskId)
                .setResultHash(ResultBinding.resultHash(taskId, digest))
                .setResultSeal(ResultBinding.resultSeal(verifier, taskId, digest)))
        .build();
  }

  static Msg reveal(ByteString taskId, ByteString digest) {
    return Msg.newBuilder()
        .setVerifierReveal(MsgVerifierReveal.newBuilder().setTaskId(taskId).setResultDigest(digest))
        .build();
  }

  static Msg challenge(ByteString taskId) {
    return Msg.newBuilder().setChallenge(MsgChallenge.newBuilder().setTaskId(taskId)).build();
  }
}
