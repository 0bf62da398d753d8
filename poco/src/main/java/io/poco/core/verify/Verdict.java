package io.poco.core.verify;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.proto.v1.SlotStatus;
import io.poco.proto.v1.SpotCheck;
import io.poco.proto.v1.VerifierSlot;
import java.util.ArrayList;
import java.util.List;

/**
 * What a check's slots decide (poco.md §6), as a value: wait while a verifier still has to commit
 * or reveal (or nobody has revealed yet); without escalation, uphold if every revealed verifier
 * matches the consensus and escalate otherwise; after escalation, fraud if more revealed verifiers
 * contradict the consensus than match it (a tie upholds it).
 *
 * @param agree revealed verifiers whose result matches the consensus value, in slot order
 * @param disagree revealed verifiers whose result does not
 */
public record Verdict(Kind kind, List<Address> agree, List<Address> disagree) {

  /** The decision. */
  public enum Kind {
    WAIT,
    UPHELD,
    ESCALATE,
    FRAUD
  }

  public Verdict {
    agree = List.copyOf(agree);
    disagree = List.copyOf(disagree);
  }

  public static Verdict of(SpotCheck check, ByteString consensusValue) {
    List<Address> agree = new ArrayList<>();
    List<Address> disagree = new ArrayList<>();
    boolean pending = false;
    for (VerifierSlot slot : check.getSlotsList()) {
      if (slot.getStatus() == SlotStatus.SLOT_STATUS_ASSIGNED
          || slot.getStatus() == SlotStatus.SLOT_STATUS_COMMITTED) {
        pending = true;
      } else if (slot.getStatus() == SlotStatus.SLOT_STATUS_REVEALED) {
        (slot.getResultHash().equals(consensusValue) ? agree : disagree)
            .add(new Address(slot.getVerifier()));
      }
    }
    Kind kind;
    if (pending || (agree.isEmpty() && disagree.isEmpty())) {
      kind = Kind.WAIT;
    } else if (!check.getEscalated()) {
      kind = disagree.isEmpty() ? Kind.UPHELD : Kind.ESCALATE;
    } else {
      kind = disagree.size() > agree.size() ? Kind.FRAUD : Kind.UPHELD;
    }
    return new Verdict(kind, agree, disagree);
  }
}
