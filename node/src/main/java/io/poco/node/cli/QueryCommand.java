package io.poco.node.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.ManagedChannel;
import io.poco.core.crypto.Address;
import io.poco.core.exec.Schema;
import io.poco.node.keys.KeyStore;
import io.poco.node.keys.KeyStoreException;
import io.poco.proto.v1.Account;
import io.poco.proto.v1.AccountRequest;
import io.poco.proto.v1.AccountResponse;
import io.poco.proto.v1.ChainParams;
import io.poco.proto.v1.ParamsRequest;
import io.poco.proto.v1.QueryServiceGrpc;
import io.poco.proto.v1.StatusRequest;
import io.poco.proto.v1.StatusResponse;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code poco query ...}: read committed state. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = "Read committed chain state from a node.",
    subcommands = {
      QueryCommand.AccountCmd.class,
      QueryCommand.StatusCmd.class,
      QueryCommand.ParamsCmd.class,
      PocoQueries.DealCmd.class,
      PocoQueries.TaskCmd.class,
      PocoQueries.ContributionsCmd.class,
      PocoQueries.WorkerCmd.class,
      PendingQueryCmd.class,
      ValidatorQueries.ValidatorCmd.class,
      ValidatorQueries.ValidatorsCmd.class,
      ValidatorQueries.SupplyCmd.class,
      VerifierQueries.VerifierCmd.class,
      VerifierQueries.CheckCmd.class
    })
final class QueryCommand {

  static <T> T withQuery(
      NodeOption node, Function<QueryServiceGrpc.QueryServiceBlockingStub, T> f) {
    ManagedChannel channel = node.channel();
    try {
      return f.apply(
          QueryServiceGrpc.newBlockingStub(channel)
              .withDeadlineAfter(node.timeoutSeconds(), TimeUnit.SECONDS));
    } finally {
      NodeOption.close(channel);
    }
  }

  @Command(
      name = "account",
      mixinStandardHelpOptions = true,
      description = "An account's spendable balance, locked amount and next nonce (nRLC).")
  static final class AccountCmd implements Callable<Integer> {
    @Mixin NodeOption node;
    @Mixin OutputOption output;
    @Mixin HomeOption home;

    @Parameters(paramLabel = "ADDRESS|KEY", description = "0x address, or a key name.")
    String who;

    @Option(
        names = "--height",
        paramLabel = "H",
        defaultValue = "0",
        description = "Read at height H (default: the latest).")
    long height;

    @Mixin ProveOption prove;

    @Override
    public Integer call() {
      Address address = resolve(home, who);
      if (prove.prove) {
        ProvenValue v =
            ProvenValue.fetch(node, Schema.ACCOUNTS.key(address.bytes()), height, prove.rpc);
        Account a = v.decode(Schema.ACCOUNTS).orElse(Account.getDefaultInstance());
        ObjectNode out = OutputOption.object();
        out.put("address", address.toHex());
        out.put("balance", Long.toString(a.getBalance()));
        out.put("locked", Long.toString(a.getLocked()));
        out.put("nonce", Long.toString(a.getNonce()));
        out.put("exists", v.exists());
        return v.print(output, out);
      }
      AccountResponse r =
          withQuery(
              node,
              q ->
                  q.account(
                      AccountRequest.newBuilder()
                          .setAddress(address.bytes())
                          .setHeight(height)
                          .build()));
      ObjectNode out = OutputOption.object();
      out.put("address", address.toHex());
      out.put("balance", Long.toString(r.getAccount().getBalance()));
      out.put("locked", Long.toString(r.getAccount().getLocked()));
      out.put("nonce", Long.toString(r.getAccount().getNonce()));
      out.put("exists", r.getExists());
      out.put("height", r.getHeight());
      output.print(out);
      return ExitCodes.OK;
    }
  }

  static Address resolve(HomeOption home, String who) {
    if (who.startsWith("0x") || who.length() == 40) {
      return TxCommand.parseAddress(who);
    }
    try {
      return new KeyStore(home.nodeHome().keyring()).show(who).address();
    } catch (KeyStoreException e) {
      throw new UsageException(
          "'" + who + "' is neither a 0x address nor a key: " + e.getMessage());
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "The node's chain id, latest height, app hash and sync state.")
  static final class StatusCmd implements Callable<Integer> {
    @Mixin NodeOption node;
    @Mixin OutputOption output;

    @Override
    public Integer call() {
      StatusResponse s = withQuery(node, q -> q.status(StatusRequest.getDefaultInstance()));
      ObjectNode out = OutputOption.object();
      out.put("chain_id", s.getChainId());
      out.put("latest_height", s.getLatestHeight());
      out.put(
          "latest_app_hash",
          HexFormat.of().withUpperCase().formatHex(s.getLatestAppHash().toByteArray()));
      out.put("latest_block_time", s.getLatestBlockTime());
      out.put("catching_up", s.getCatchingUp());
      out.put("node_id", s.getNodeId());
      out.put("moniker", s.getMoniker());
      output.print(out);
      return ExitCodes.OK;
    }
  }

  @Command(name = "params", mixinStandardHelpOptions = true, description = "Chain parameters.")
  static final class ParamsCmd implements Callable<Integer> {
    @Mixin NodeOption node;
    @Mixin OutputOption output;
    @Mixin ProveOption prove;

    @Override
    public Integer call() {
      ProvenValue proven =
          prove.prove
              ? ProvenValue.fetch(node, Schema.PARAMS.key(Schema.SINGLETON), 0, prove.rpc)
              : null;
      ChainParams p =
          proven != null
              ? proven.decode(Schema.PARAMS).orElse(ChainParams.getDefaultInstance())
              : withQuery(node, q -> q.params(ParamsRequest.getDefaultInstance())).getParams();
      ObjectNode out = OutputOption.object();
      out.put("max_tx_bytes", p.getMaxTxBytes());
      out.put("max_msgs_per_tx", p.getMaxMsgsPerTx());
      out.put("min_fee_per_msg", Long.toString(p.getMinFeePerMsg()));
      if (proven != null) {
        return proven.print(output, out);
      }
      output.print(out);
      return ExitCodes.OK;
    }
  }
}
