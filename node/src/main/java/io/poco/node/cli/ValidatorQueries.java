package io.poco.node.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.exec.Schema;
import io.poco.core.staking.ConsensusKeys;
import io.poco.proto.v1.SupplyRequest;
import io.poco.proto.v1.SupplyResponse;
import io.poco.proto.v1.ValidatorRequest;
import io.poco.proto.v1.ValidatorResponse;
import io.poco.proto.v1.ValidatorView;
import io.poco.proto.v1.ValidatorsRequest;
import io.poco.proto.v1.ValidatorsResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code poco query validator|validators|supply}: staking state (docs/staking.md) and supply. */
final class ValidatorQueries {

  private ValidatorQueries() {}

  /** One validator as printed: its record plus status, consensus address and power. */
  static ObjectNode toJson(ValidatorView view) {
    ObjectNode out = ProtoJson.toJson(view.getValidator());
    // Shown even at their zero values, which the protobuf rendering leaves out.
    out.put("bonded", Long.toString(view.getValidator().getBonded()));
    out.put("jailed", view.getValidator().getJailed());
    out.put("tombstoned", view.getValidator().getTombstoned());
    out.put("jailed_until", Long.toUnsignedString(view.getValidator().getJailedUntil()));
    out.put("consensus_address", ConsensusKeys.hex(view.getConsensusAddress()));
    out.put("power", Long.toString(view.getPower()));
    out.put("status", status(view));
    out.set("signing_info", ProtoJson.toJson(view.getSigningInfo()));
    ArrayNode unbonding = out.putArray("unbonding");
    view.getUnbondingList().forEach(e -> unbonding.add(ProtoJson.toJson(e)));
    return out;
  }

  static String status(ValidatorView view) {
    if (view.getValidator().getTombstoned()) {
      return "tombstoned";
    }
    if (view.getValidator().getJailed()) {
      return "jailed";
    }
    return view.getActive() ? "active" : "inactive";
  }

  @Command(
      name = "validator",
      mixinStandardHelpOptions = true,
      description = {
        "A validator by its operator: stake, power, status (active, inactive, jailed,",
        "tombstoned), jail end, downtime window and unbonding entries."
      })
  static final class ValidatorCmd implements Callable<Integer> {
    @Mixin NodeOption node;
    @Mixin OutputOption output;
    @Mixin HomeOption home;
    @Mixin ProveOption prove;

    @Parameters(paramLabel = "OPERATOR|KEY", description = "0x operator address, or a key name.")
    String who;

    @Override
    public Integer call() {
      Address operator = QueryCommand.resolve(home, who);
      if (prove.prove) {
        // The proven record only: signing info and unbonding entries are other keys.
        return PocoQueries.proven(node, output, prove, Schema.VALIDATORS, operator.bytes());
      }
      ValidatorResponse r =
          QueryCommand.withQuery(
              node,
              q ->
                  q.validator(ValidatorRequest.newBuilder().setOperator(operator.bytes()).build()));
      ObjectNode out = toJson(r.getValidator());
      out.put("height", r.getHeight());
      output.print(out);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "validators",
      mixinStandardHelpOptions = true,
      description = "Every validator (or only the active set), in operator-address order.")
  static final class ValidatorsCmd implements Callable<Integer> {
    @Mixin NodeOption node;
    @Mixin OutputOption output;

    @Option(names = "--active", description = "Only the validators in the active set.")
    boolean active;

    @Override
    public Integer call() {
      ObjectNode out = OutputOption.object();
      ArrayNode list = out.putArray("validators");
      ByteString next = ByteString.EMPTY;
      long height;
      do {
        ByteString after = next;
        ValidatorsResponse r =
            QueryCommand.withQuery(
                node,
                q ->
                    q.validators(
                        ValidatorsRequest.newBuilder()
                            .setActiveOnly(active)
                            .setStartAfter(after)
                            .build()));
        r.getValidatorsList().forEach(v -> list.add(toJson(v)));
        next = r.getNextKey();
        height = r.getHeight();
      } while (!next.isEmpty());
      out.put("height", height);
      output.print(out);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "supply",
      mixinStandardHelpOptions = true,
      description = {
        "The recorded supply (total, fee pool), what validators have staked, and the supply",
        "audit of chain.md §1: exit 1 if state does not add up to the total."
      })
  static final class SupplyCmd implements Callable<Integer> {
    @Mixin NodeOption node;
    @Mixin OutputOption output;
    @Mixin ProveOption prove;

    @Override
    public Integer call() {
      if (prove.prove) {
        // The recorded total and fee pool; the audit itself is a scan and cannot be proven.
        return PocoQueries.proven(node, output, prove, Schema.SUPPLY, Schema.SINGLETON);
      }
      SupplyResponse r =
          QueryCommand.withQuery(node, q -> q.supply(SupplyRequest.getDefaultInstance()));
      ObjectNode out = OutputOption.object();
      out.put("total", Long.toString(r.getSupply().getTotal()));
      out.put("fee_pool", Long.toString(r.getSupply().getFeePool()));
      out.put("staked", Long.toString(r.getStaked()));
      out.put("audit", r.getAudit().isEmpty() ? "ok" : r.getAudit());
      out.put("height", r.getHeight());
      output.print(out);
      return r.getAudit().isEmpty() ? ExitCodes.OK : 1;
    }
  }
}
