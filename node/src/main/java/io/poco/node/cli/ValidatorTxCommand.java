package io.poco.node.cli;

import com.google.protobuf.ByteString;
import io.poco.node.comet.CometHomeInitializer;
import io.poco.node.config.NodeHome;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgCreateValidator;
import io.poco.proto.v1.MsgEditValidator;
import io.poco.proto.v1.MsgStake;
import io.poco.proto.v1.MsgUnbond;
import io.poco.proto.v1.MsgUnjail;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code poco tx validator ...}: staking (docs/staking.md). The operator is {@code --from}. */
@Command(
    name = "validator",
    mixinStandardHelpOptions = true,
    description = "Staking transactions of a validator operator (--from).",
    subcommands = {
      ValidatorTxCommand.Create.class,
      ValidatorTxCommand.Stake.class,
      ValidatorTxCommand.Unbond.class,
      ValidatorTxCommand.Unjail.class,
      ValidatorTxCommand.Edit.class
    })
final class ValidatorTxCommand {

  private ValidatorTxCommand() {}

  /** Where the Ed25519 consensus public key comes from. */
  static final class ConsensusKey {
    @Option(
        names = "--consensus-pubkey",
        paramLabel = "BASE64",
        description = "Ed25519 public key, base64 (as in priv_validator_key.json).")
    String base64;

    @Option(
        names = "--node-home",
        paramLabel = "DIR",
        description =
            "Read the key from this pocod home's cometbft/config/priv_validator_key.json.")
    Path nodeHome;

    ByteString bytes() {
      String text = base64;
      if (nodeHome != null) {
        try {
          text = CometHomeInitializer.consensusPubkey(new NodeHome(nodeHome));
        } catch (IOException e) {
          throw new UsageException(
              "cannot read the consensus key of " + nodeHome + ": " + e.getMessage());
        }
      }
      byte[] key;
      try {
        key = Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--consensus-pubkey is not base64: '" + text + "'");
      }
      if (key.length != 32) {
        throw new UsageException(
            "the consensus key is an Ed25519 public key of 32 bytes, got " + key.length);
      }
      return ByteString.copyFrom(key);
    }
  }

  /** A staking message with an amount. */
  abstract static class WithAmount extends PocoTxCommand.Base {
    @Option(
        names = "--amount",
        required = true,
        paramLabel = "AMOUNT",
        description = "nRLC or RLC.")
    String amount;

    long amount() {
      return Amounts.parse(amount);
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Become a validator: bond --amount from --from's balance with a consensus key.",
        "It joins the active set two blocks after inclusion if its power (whole RLC bonded)",
        "ranks among the top max_validators and it has at least min_self_stake."
      })
  static final class Create extends WithAmount {
    @ArgGroup(exclusive = true, multiplicity = "1")
    ConsensusKey key;

    @Option(
        names = "--bridge-address",
        paramLabel = "ADDRESS",
        description = "secp256k1 address that signs bridge checkpoints (default: --from's).")
    String bridge;

    @Option(names = "--moniker", required = true, paramLabel = "NAME", description = "1-64 chars.")
    String moniker;

    @Override
    Msg message(String chainId) {
      ByteString bridgeAddress =
          bridge == null ? sender().bytes() : TxCommand.parseAddress(bridge).bytes();
      return Msg.newBuilder()
          .setCreateValidator(
              MsgCreateValidator.newBuilder()
                  .setConsensusPubkey(key.bytes())
                  .setBridgeAddress(bridgeAddress)
                  .setMoniker(moniker)
                  .setSelfStake(amount()))
          .build();
    }
  }

  @Command(
      name = "stake",
      mixinStandardHelpOptions = true,
      description = "Bond more of --from's balance to its validator.")
  static final class Stake extends WithAmount {
    @Override
    Msg message(String chainId) {
      return Msg.newBuilder().setStake(MsgStake.newBuilder().setAmount(amount())).build();
    }
  }

  @Command(
      name = "unbond",
      mixinStandardHelpOptions = true,
      description = {
        "Start unbonding --amount of the validator's stake (all of it to leave the set).",
        "It returns to the balance after the unbonding period and stays slashable until then."
      })
  static final class Unbond extends WithAmount {
    @Override
    Msg message(String chainId) {
      return Msg.newBuilder().setUnbond(MsgUnbond.newBuilder().setAmount(amount())).build();
    }
  }

  @Command(
      name = "unjail",
      mixinStandardHelpOptions = true,
      description = "Return a validator jailed for downtime to the set once its jail time is over.")
  static final class Unjail extends PocoTxCommand.Base {
    @Override
    Msg message(String chainId) {
      return Msg.newBuilder().setUnjail(MsgUnjail.getDefaultInstance()).build();
    }
  }

  @Command(
      name = "edit",
      mixinStandardHelpOptions = true,
      description = {
        "Change the moniker, or the bridge address (effective one unbonding period later)."
      })
  static final class Edit extends PocoTxCommand.Base {
    @Option(names = "--moniker", paramLabel = "NAME", description = "New moniker.")
    String moniker;

    @Option(names = "--bridge-address", paramLabel = "ADDRESS", description = "New bridge signer.")
    String bridge;

    @Override
    Msg message(String chainId) {
      if (moniker == null && bridge == null) {
        throw new UsageException("give --moniker, --bridge-address or both");
      }
      MsgEditValidator.Builder m = MsgEditValidator.newBuilder();
      if (moniker != null) {
        m.setMoniker(moniker);
      }
      if (bridge != null) {
        m.setBridgeAddress(TxCommand.parseAddress(bridge).bytes());
      }
      return Msg.newBuilder().setEditValidator(m).build();
    }
  }
}
