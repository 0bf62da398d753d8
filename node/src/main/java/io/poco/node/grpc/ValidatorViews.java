package io.poco.node.grpc;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.exec.Schema;
import io.poco.core.staking.ConsensusKeys;
import io.poco.core.staking.StakingKeeper;
import io.poco.proto.v1.Validator;
import io.poco.proto.v1.ValidatorView;
import io.poco.proto.v1.ValidatorsResponse;
import io.poco.state.KeyValueReader;
import java.util.ArrayList;
import java.util.List;

/** Builds the answers of {@code QueryService/Validator} and {@code Validators}. */
final class ValidatorViews {

  /** Page size when the request gives none, and the largest allowed. */
  static final int DEFAULT_LIMIT = 100;

  static final int MAX_LIMIT = 1000;

  private ValidatorViews() {}

  static ValidatorView of(KeyValueReader state, Validator v) {
    ByteString consensus = ConsensusKeys.address(v.getConsensusPubkey());
    ValidatorView.Builder b =
        ValidatorView.newBuilder()
            .setValidator(v)
            .setConsensusAddress(consensus)
            .setPower(StakingKeeper.power(v))
            .setActive(v.getPowerInSet() > 0)
            .addAllUnbonding(StakingKeeper.unbonding(state, new Address(v.getOperator())));
    Schema.SIGNING_INFO.get(state, consensus).ifPresent(b::setSigningInfo);
    return b.build();
  }

  /** Up to {@code limit} validators after {@code startAfter} (empty = from the first). */
  static ValidatorsResponse page(
      KeyValueReader state, ByteString startAfter, int limit, boolean activeOnly, long height) {
    List<Validator> found = new ArrayList<>();
    ByteString[] next = {ByteString.EMPTY};
    Schema.VALIDATORS.scan(
        state,
        startAfter.isEmpty() ? null : startAfter,
        Integer.MAX_VALUE,
        (operator, v) -> {
          if (operator.equals(startAfter) || (activeOnly && v.getPowerInSet() == 0)) {
            return true;
          }
          if (found.size() == limit) {
            next[0] = found.get(limit - 1).getOperator();
            return false;
          }
          found.add(v);
          return true;
        });
    ValidatorsResponse.Builder b = ValidatorsResponse.newBuilder().setHeight(height);
    for (Validator v : found) {
      b.addValidators(of(state, v));
    }
    return b.setNextKey(next[0]).build();
  }
}
