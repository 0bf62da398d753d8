package io.poco.core.staking;

import com.google.protobuf.ByteString;

/** One entry of {@code decided_last_commit}: a validator of the previous block and its vote. */
public record CommitVote(ByteString address, long power, VoteFlag flag) {}
