package io.poco.core.reversal;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import java.util.List;
import java.util.Optional;

/**
 * Why a COMPLETED task is reversed: the verifier majority contradicted its consensus.
 *
 * @param taskId the task found wrong
 * @param challenger who posted a challenge that led to the finding, if anyone; its bond is returned
 *     by the verification that held it, and the reversal pays it 10 % of the seized stakes
 * @param finders the verifiers on the winning side, in selection order; they share another 10 %
 */
public record ReversalCause(
    ByteString taskId, Optional<Address> challenger, List<Address> finders) {

  public ReversalCause {
    finders = List.copyOf(finders);
  }
}
