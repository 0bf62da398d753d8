package io.poco.consensus.app;

import io.poco.core.staking.CommitVote;
import io.poco.core.staking.Infraction;
import io.poco.core.staking.PowerChange;
import io.poco.core.staking.VoteFlag;
import io.poco.proto.abci.CommitInfo;
import io.poco.proto.abci.Misbehavior;
import io.poco.proto.abci.ValidatorUpdate;
import io.poco.proto.abci.VoteInfo;
import io.poco.proto.crypto.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Translates between CometBFT's validator messages and the staking module's values. */
final class StakingAbci {

  private StakingAbci() {}

  /** The votes of {@code decided_last_commit}, in CometBFT's order. */
  static List<CommitVote> votes(CommitInfo commit) {
    List<CommitVote> out = new ArrayList<>(commit.getVotesCount());
    for (VoteInfo v : commit.getVotesList()) {
      VoteFlag flag =
          switch (v.getBlockIdFlag()) {
            case BLOCK_ID_FLAG_COMMIT -> VoteFlag.COMMIT;
            case BLOCK_ID_FLAG_NIL -> VoteFlag.NIL;
            default -> VoteFlag.ABSENT;
          };
      out.add(new CommitVote(v.getValidator().getAddress(), v.getValidator().getPower(), flag));
    }
    return out;
  }

  /** CometBFT's reported misbehaviour, in its order. */
  static List<Infraction> infractions(List<Misbehavior> misbehavior) {
    List<Infraction> out = new ArrayList<>(misbehavior.size());
    for (Misbehavior m : misbehavior) {
      out.add(
          new Infraction(
              m.getType().name().toLowerCase(Locale.ROOT),
              m.getValidator().getAddress(),
              m.getHeight(),
              m.getValidator().getPower()));
    }
    return out;
  }

  /** Validator updates for CometBFT (Ed25519 keys; power 0 removes). */
  static List<ValidatorUpdate> updates(List<PowerChange> changes) {
    List<ValidatorUpdate> out = new ArrayList<>(changes.size());
    for (PowerChange c : changes) {
      out.add(
          ValidatorUpdate.newBuilder()
              .setPubKey(PublicKey.newBuilder().setEd25519(c.pubkey()))
              .setPower(c.power())
              .build());
    }
    return out;
  }
}
