package io.poco.node.grpc;

import io.poco.core.crypto.Address;
import io.poco.core.economics.PendingSettlement;
import io.poco.proto.v1.PendingEntry;
import io.poco.proto.v1.PendingResponse;
import io.poco.state.KeyValueReader;
import java.util.List;

/** Builds the answer of {@code QueryService/Pending}: an account's pending entries and total. */
final class PendingView {

  private PendingView() {}

  static PendingResponse of(KeyValueReader state, Address address, long height) {
    List<PendingEntry> entries = PendingSettlement.of(state, address);
    long total = 0;
    for (PendingEntry e : entries) {
      total = Math.addExact(total, e.getAmount());
    }
    return PendingResponse.newBuilder()
        .setAddress(address.bytes())
        .addAllEntries(entries)
        .setTotal(total)
        .setHeight(height)
        .build();
  }
}
