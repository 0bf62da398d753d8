package io.poco.core.staking;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgCreateValidator;
import io.poco.proto.v1.MsgEditValidator;
import io.poco.proto.v1.MsgStake;
import io.poco.proto.v1.MsgUnbond;
import io.poco.proto.v1.MsgUnjail;

/** Staking messages for tests. */
final class StakingMsgs {

  private StakingMsgs() {}

  static Msg create(ByteString pubkey, Address bridge, String moniker, long selfStake) {
    return Msg.newBuilder()
        .setCreateValidator(
            MsgCreateValidator.newBuilder()
                .setConsensusPubkey(pubkey)
                .setBridgeAddress(bridge.bytes())
                .setMoniker(moniker)
                .setSelfStake(selfStake))
        .build();
  }

  static Msg stake(long amount) {
    return Msg.newBuilder().setStake(MsgStake.newBuilder().setAmount(amount)).build();
  }

  static Msg unbond(long amount) {
    return Msg.newBuilder().setUnbond(MsgUnbond.newBuilder().setAmount(amount)).build();
  }

  static Msg unjail() {
    return Msg.newBuilder().setUnjail(MsgUnjail.getDefaultInstance()).build();
  }

  static Msg edit(String moniker, ByteString bridge) {
    return Msg.newBuilder()
        .setEditValidator(
            MsgEditValidator.newBuilder().setMoniker(moniker).setBridgeAddress(bridge))
        .build();
  }
}
