package io.poco.node.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxSigning;
import io.poco.node.keys.KeyStore;
import io.poco.node.keys.KeyStoreException;
import io.poco.proto.v1.AccountRequest;
import io.poco.proto.v1.BroadcastMode;
import io.poco.proto.v1.BroadcastRequest;
import io.poco.proto.v1.BroadcastResponse;
import io.poco.proto.v1.Event;
import io.poco.proto.v1.EventAttribute;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgSend;
import io.poco.proto.v1.QueryServiceGrpc;
import io.poco.proto.v1.SimulateRequest;
import io.poco.proto.v1.StatusRequest;
import io.poco.proto.v1.Tx;
import io.poco.proto.v1.TxBody;
import io.poco.proto.v1.TxResult;
import io.poco.proto.v1.TxServiceGrpc;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code poco tx ...}: sign with a key of the key store and broadcast. */
@Command(
    name = "tx",
    mixinStandardHelpOptions = true,
    description = "Sign and broadcast transactions (waits for inclusion unless --async).",
    subcommands = {
      TxCommand.Send.class,
      TxCommand.Broadcast.class,
      PocoTxCommand.class,
      ValidatorTxCommand.class,
      VerifierTxCommand.class
    })
final class TxCommand {

  /** Options every signed transaction shares. */
  static final class SignOptions {
    @Mixin HomeOption home;
    @Mixin KeyringOptions keyring;

    @Option(names = "--from", required = true, paramLabel = "NAME", description = "Signing key.")
    String from;

    @Option(
        names = "--fee",
        paramLabel = "AMOUNT",
        defaultValue = "0",
        description = "Fee in nRLC or RLC (default: ${DEFAULT-VALUE}).")
    String fee;

    @Option(
        names = "--nonce",
        paramLabel = "N",
        description = "Account nonce (default: the account's next nonce, read from the node).")
    Long nonce;

    @Option(
        names = "--chain-id",
        paramLabel = "ID",
        description = "Chain id to sign for (default: the node's).")
    String chainId;

    @Option(names = "--memo", paramLabel = "TEXT", defaultValue = "", description = "A note.")
    String memo;

    @Option(names = "--async", description = "Return after CheckTx, without waiting for a block.")
    boolean async;

    @Option(
        names = "--generate-only",
        description = "Print the signed transaction (hex) instead of broadcasting it.")
    boolean generateOnly;

    @Option(
        names = "--dry-run",
        description =
            "Execute the signed transaction against the node's pending state and print the"
                + " outcome, without broadcasting it. CheckTx does not run the messages, so a"
                + " message that fails on the chain's state (e.g. INSUFFICIENT_FUNDS) fails in"
                + " its block and still costs the fee; this tells beforehand.")
    boolean dryRun;
  }

  @Command(
      name = "send",
      mixinStandardHelpOptions = true,
      description = "Move spendable RLC from --from to another address.")
  static final class Send implements Callable<Integer> {
    @Mixin NodeOption node;
    @Mixin OutputOption output;
    @Mixin SignOptions sign;

    @Option(names = "--to", required = true, paramLabel = "ADDRESS", description = "Recipient.")
    String to;

    @Option(
        names = "--amount",
        required = true,
        paramLabel = "AMOUNT",
        description = "nRLC (e.g. 1500000000) or RLC (e.g. 1.5RLC).")
    String amount;

    @Override
    public Integer call() throws Exception {
      Address recipient = parseAddress(to);
      Msg msg =
          Msg.newBuilder()
              .setSend(
                  MsgSend.newBuilder().setTo(recipient.bytes()).setAmount(Amounts.parse(amount)))
              .build();
      return signAndBroadcast(node, output, sign, msg);
    }
  }

  @Command(
      name = "broadcast",
      mixinStandardHelpOptions = true,
      description = "Broadcast an already signed transaction given in hex (see --generate-only).")
  static final class Broadcast implements Callable<Integer> {
    @Mixin NodeOption node;
    @Mixin OutputOption output;

    @Option(names = "--async", description = "Return after CheckTx, without waiting for a block.")
    boolean async;

    @Parameters(paramLabel = "TX_HEX", description = "The transaction bytes, hex.")
    String txHex;

    @Override
    public Integer call() {
      byte[] raw;
      try {
        raw = HexFormat.of().parseHex(txHex.startsWith("0x") ? txHex.substring(2) : txHex);
      } catch (IllegalArgumentException e) {
        throw new UsageException("TX_HEX is not hex: " + e.getMessage());
      }
      ManagedChannel channel = node.channel();
      try {
        return broadcast(channel, node, output, ByteString.copyFrom(raw), async);
      } finally {
        NodeOption.close(channel);
      }
    }
  }

  static Address parseAddress(String text) {
    try {
      return Address.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The private key {@code name} of the key store under {@code home}. */
  static BigInteger loadKey(HomeOption home, KeyringOptions keyring, String name) {
    KeyStore keys = new KeyStore(home.nodeHome().keyring());
    try {
      return keys.privateKey(name, keys.isEncrypted(name) ? keyring.passphrase() : null);
    } catch (KeyStoreException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The chain id given, or the node's. */
  static String chainId(ManagedChannel channel, NodeOption node, String given) {
    return given != null
        ? given
        : QueryServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(node.timeoutSeconds(), TimeUnit.SECONDS)
            .status(StatusRequest.getDefaultInstance())
            .getChainId();
  }

  static int signAndBroadcast(NodeOption node, OutputOption output, SignOptions sign, Msg msg)
      throws Exception {
    return signAndBroadcast(node, output, sign, chainId -> msg);
  }

  /** Signs a transaction carrying the message built for the chain id, and broadcasts it. */
  static int signAndBroadcast(
      NodeOption node, OutputOption output, SignOptions sign, Function<String, Msg> msgForChain)
      throws Exception {
    BigInteger privateKey = loadKey(sign.home, sign.keyring, sign.from);
    Address sender = Secp256k1.address(privateKey);
    long fee = Amounts.parse(sign.fee);
    ManagedChannel channel = node.channel();
    try {
      QueryServiceGrpc.QueryServiceBlockingStub query =
          QueryServiceGrpc.newBlockingStub(channel)
              .withDeadlineAfter(node.timeoutSeconds(), TimeUnit.SECONDS);
      String chainId = chainId(channel, node, sign.chainId);
      long nonce =
          sign.nonce != null
              ? sign.nonce
              : query
                  .account(AccountRequest.newBuilder().setAddress(sender.bytes()).build())
                  .getAccount()
                  .getNonce();
      TxBody body =
          TxBody.newBuilder()
              .setChainId(chainId)
              .setNonce(nonce)
              .setSender(sender.bytes())
              .setFee(fee)
              .setMemo(sign.memo)
              .addMessages(msgForChain.apply(chainId))
              .build();
      Tx tx = TxSigning.sign(body, privateKey);
      if (sign.generateOnly) {
        ObjectNode out = OutputOption.object();
        out.put("tx", HexFormat.of().formatHex(tx.toByteArray()));
        output.print(out);
        return ExitCodes.OK;
      }
      if (sign.dryRun) {
        return simulate(channel, node, output, tx.toByteString());
      }
      return broadcast(channel, node, output, tx.toByteString(), sign.async);
    } finally {
      NodeOption.close(channel);
    }
  }

  static int broadcast(
      ManagedChannel channel, NodeOption node, OutputOption output, ByteString tx, boolean async) {
    BroadcastResponse r =
        TxServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(node.timeoutSeconds(), TimeUnit.SECONDS)
            .broadcast(
                BroadcastRequest.newBuilder()
                    .setTx(tx)
                    .setMode(
                        async
                            ? BroadcastMode.BROADCAST_MODE_SYNC
                            : BroadcastMode.BROADCAST_MODE_COMMIT)
                    .build());
    ObjectNode out = OutputOption.object();
    out.put("hash", HexFormat.of().withUpperCase().formatHex(r.getHash().toByteArray()));
    String failedAt =
        r.getCheck().getCode() != 0
            ? "check"
            : !async && r.getResult().getCode() != 0 ? "execution" : null;
    TxResult shown = "check".equals(failedAt) || async ? r.getCheck() : r.getResult();
    return print(output, out, shown, failedAt, async ? null : r.getHeight());
  }

  /** {@code --dry-run}: the outcome of executing {@code tx} now, from {@code Simulate}. */
  private static int simulate(
      ManagedChannel channel, NodeOption node, OutputOption output, ByteString tx) {
    TxResult shown =
        TxServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(node.timeoutSeconds(), TimeUnit.SECONDS)
            .simulate(SimulateRequest.newBuilder().setTx(tx).build())
            .getCheck();
    ObjectNode out = OutputOption.object();
    out.put("simulated", true);
    return print(output, out, shown, shown.getCode() != 0 ? "simulation" : null, null);
  }

  /**
   * Prints {@code shown} into {@code out}; when {@code failedAt} names the stage that refused the
   * transaction, says so on stderr and returns {@link ExitCodes#FAILURE}.
   */
  private static int print(
      OutputOption output, ObjectNode out, TxResult shown, String failedAt, Long height) {
    if (failedAt != null) {
      out.put("stage", failedAt);
    }
    out.put("code", shown.getCode());
    out.put("code_name", shown.getCode() == 0 ? "OK" : TxCode.nameOf(shown.getCode()));
    out.put("codespace", shown.getCodespace());
    out.put("log", shown.getLog());
    if (height != null) {
      out.put("height", height);
    }
    ArrayNode events = out.putArray("events");
    for (Event e : shown.getEventsList()) {
      ObjectNode ev = events.addObject();
      ev.put("type", e.getType());
      ObjectNode attrs = ev.putObject("attributes");
      for (EventAttribute a : e.getAttributesList()) {
        attrs.put(a.getKey(), a.getValue());
      }
    }
    if (failedAt != null) {
      if (output.json()) {
        output.print(out);
      }
      System.err.println(
          "error: transaction refused at "
              + failedAt
              + ": "
              + TxCode.nameOf(shown.getCode())
              + " (code "
              + shown.getCode()
              + "): "
              + shown.getLog());
      return ExitCodes.FAILURE;
    }
    output.print(out);
    return ExitCodes.OK;
  }
}
