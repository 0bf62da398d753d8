package io.poco.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.market.SignedOrders;
import io.poco.core.task.ContributionSigning;
import io.poco.node.keys.KeyStore;
import io.poco.node.keys.KeyStoreException;
import io.poco.proto.v1.AppOrder;
import io.poco.proto.v1.DatasetOrder;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgChallenge;
import io.poco.proto.v1.MsgClaimTask;
import io.poco.proto.v1.MsgContributeBatch;
import io.poco.proto.v1.MsgFinalizeTask;
import io.poco.proto.v1.MsgInitializeTask;
import io.poco.proto.v1.MsgMatchOrders;
import io.poco.proto.v1.MsgRegisterApp;
import io.poco.proto.v1.MsgRegisterDataset;
import io.poco.proto.v1.MsgRegisterWorkerpool;
import io.poco.proto.v1.MsgReopenTask;
import io.poco.proto.v1.MsgRevealBatch;
import io.poco.proto.v1.RequestOrder;
import io.poco.proto.v1.RevealItem;
import io.poco.proto.v1.SignedOrder;
import io.poco.proto.v1.WorkerpoolOrder;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code poco tx poco ...}: the PoCo market and task rounds (docs/poco.md). */
@Command(
    name = "poco",
    mixinStandardHelpOptions = true,
    description = "PoCo transactions: registries, signed orders, deals and task rounds.",
    subcommands = {
      PocoTxCommand.RegisterApp.class,
      PocoTxCommand.RegisterDataset.class,
      PocoTxCommand.RegisterWorkerpool.class,
      PocoTxCommand.SignOrder.class,
      PocoTxCommand.Match.class,
      PocoTxCommand.Initialize.class,
      PocoTxCommand.Contribute.class,
      PocoTxCommand.Reveal.class,
      PocoTxCommand.Finalize.class,
      PocoTxCommand.Claim.class,
      PocoTxCommand.Reopen.class,
      PocoTxCommand.Challenge.class
    })
final class PocoTxCommand {

  private static final ObjectMapper JSON = new ObjectMapper();

  static ByteString hex(String text, String what) {
    String s = text.startsWith("0x") ? text.substring(2) : text;
    try {
      return ByteString.copyFrom(HexFormat.of().parseHex(s));
    } catch (IllegalArgumentException e) {
      throw new UsageException(what + " is not hex: '" + text + "'");
    }
  }

  static ByteString id32(String text, String what) {
    ByteString id = hex(text, what);
    if (id.size() != 32) {
      throw new UsageException(what + " is 32 bytes (64 hex digits), got " + id.size());
    }
    return id;
  }

  /** Splits "LEFT=RIGHT". */
  static String[] pair(String text, String what) {
    int eq = text.indexOf('=');
    if (eq <= 0 || eq == text.length() - 1) {
      throw new UsageException(what + " must be NAME=VALUE, got '" + text + "'");
    }
    return new String[] {text.substring(0, eq), text.substring(eq + 1)};
  }

  abstract static class Base implements Callable<Integer> {
    @Mixin NodeOption node;
    @Mixin OutputOption output;
    @Mixin TxCommand.SignOptions sign;

    abstract Msg message(String chainId);

    /** The address of {@code --from}, read from the key store without its passphrase. */
    Address sender() {
      try {
        return new KeyStore(sign.home.nodeHome().keyring()).show(sign.from).address();
      } catch (KeyStoreException e) {
        throw new UsageException(e.getMessage());
      }
    }

    @Override
    public Integer call() throws Exception {
      return TxCommand.signAndBroadcast(node, output, sign, this::message);
    }
  }

  @Command(
      name = "register-app",
      mixinStandardHelpOptions = true,
      description = "Register an app (owner = --from).")
  static final class RegisterApp extends Base {
    @Option(names = "--name", required = true)
    String name;

    @Option(names = "--image", required = true, description = "Image reference.")
    String image;

    @Option(names = "--checksum", description = "Hex checksum of the image.")
    String checksum;

    @Option(
        names = "--deterministic",
        description = "Results can be re-executed and compared (spot-checks).")
    boolean deterministic;

    @Override
    Msg message(String chainId) {
      MsgRegisterApp.Builder m =
          MsgRegisterApp.newBuilder().setName(name).setImage(image).setDeterministic(deterministic);
      if (checksum != null) {
        m.setChecksum(hex(checksum, "--checksum"));
      }
      return Msg.newBuilder().setRegisterApp(m).build();
    }
  }

  @Command(
      name = "register-dataset",
      mixinStandardHelpOptions = true,
      description = "Register a dataset (owner = --from).")
  static final class RegisterDataset extends Base {
    @Option(names = "--name", required = true)
    String name;

    @Option(names = "--location", required = true)
    String location;

    @Option(names = "--checksum")
    String checksum;

    @Override
    Msg message(String chainId) {
      MsgRegisterDataset.Builder m =
          MsgRegisterDataset.newBuilder().setName(name).setLocation(location);
      if (checksum != null) {
        m.setChecksum(hex(checksum, "--checksum"));
      }
      return Msg.newBuilder().setRegisterDataset(m).build();
    }
  }

  @Command(
      name = "register-workerpool",
      mixinStandardHelpOptions = true,
      description = "Register a workerpool (scheduler = --from).")
  static final class RegisterWorkerpool extends Base {
    @Option(names = "--description", required = true)
    String description;

    @Option(
        names = "--worker-stake-ratio",
        description = "Percent of the price a worker stakes (default 30).")
    Integer stakeRatio;

    @Option(
        names = "--scheduler-reward-ratio",
        description = "Percent of the reward kept by the scheduler (default 1).")
    Integer schedulerRatio;

    @Override
    Msg message(String chainId) {
      MsgRegisterWorkerpool.Builder m =
          MsgRegisterWorkerpool.newBuilder().setDescription(description);
      if (stakeRatio != null) {
        m.setWorkerStakeRatio(stakeRatio);
      }
      if (schedulerRatio != null) {
        m.setSchedulerRewardRatio(schedulerRatio);
      }
      return Msg.newBuilder().setRegisterWorkerpool(m).build();
    }
  }

  @Command(
      name = "sign-order",
      mixinStandardHelpOptions = true,
      description = {
        "Sign an order off-chain and write it to a file for 'match'.",
        "The order is JSON with the .proto field names; bytes (ids, addresses, tag, salt) as 0x-hex,",
        "e.g. {\"workerpool\":\"0x…\",\"workerpoolprice\":\"20000000000\",\"volume\":\"3\",\"category\":0,\"trust\":\"1\"}."
      })
  static final class SignOrder implements Callable<Integer> {
    @Mixin NodeOption node;
    @Mixin OutputOption output;
    @Mixin HomeOption home;
    @Mixin KeyringOptions keyring;

    @Option(names = "--from", required = true, description = "The order's owner key.")
    String from;

    @Option(names = "--kind", required = true, description = "app, dataset, workerpool or request.")
    String kind;

    @Option(
        names = "--order",
        required = true,
        description = "The order as JSON (a file path, or the JSON itself).")
    String order;

    @Option(names = "--out", required = true, description = "Where to write the signed order.")
    Path out;

    @Option(names = "--chain-id", description = "Chain id (default: the node's).")
    String chainId;

    @Override
    public Integer call() throws Exception {
      Message.Builder builder =
          switch (kind) {
            case "app" -> AppOrder.newBuilder();
            case "dataset" -> DatasetOrder.newBuilder();
            case "workerpool" -> WorkerpoolOrder.newBuilder();
            case "request" -> RequestOrder.newBuilder();
            default ->
                throw new UsageException("--kind must be app, dataset, workerpool or request");
          };
      String text = Files.exists(Path.of(order)) ? Files.readString(Path.of(order)) : order;
      parseInto(text, builder);
      BigInteger key = TxCommand.loadKey(home, keyring, from);
      String chain = chainId;
      if (chain == null) {
        ManagedChannel channel = node.channel();
        try {
          chain = TxCommand.chainId(channel, node, null);
        } finally {
          NodeOption.close(channel);
        }
      }
      SignedOrder signed = SignedOrders.sign(chain, builder.build(), key);
      ObjectNode doc = JSON.createObjectNode();
      doc.put("kind", kind);
      doc.put("signer", Secp256k1.address(key).toHex());
      doc.put("order", "0x" + HexFormat.of().formatHex(signed.getOrder().toByteArray()));
      doc.put("signature", "0x" + HexFormat.of().formatHex(signed.getSignature().toByteArray()));
      doc.put(
          "hash",
          "0x"
              + HexFormat.of()
                  .formatHex(
                      SignedOrders.hash(
                              SignedOrders.kindOf(builder.build()), chain, signed.getOrder())
                          .toByteArray()));
      Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n");
      output.print(doc);
      return ExitCodes.OK;
    }

    /** JSON with 0x-hex bytes into the builder (protobuf JSON wants base64 bytes). */
    static void parseInto(String text, Message.Builder builder) {
      try {
        JsonNode tree = JSON.readTree(text);
        if (!(tree instanceof ObjectNode obj)) {
          throw new UsageException("the order must be a JSON object");
        }
        for (FieldDescriptor f : builder.getDescriptorForType().getFields()) {
          JsonNode v = obj.get(f.getName());
          if (v != null && f.getType() == FieldDescriptor.Type.BYTES && v.isTextual()) {
            obj.put(
                f.getName(),
                Base64.getEncoder().encodeToString(hex(v.asText(), f.getName()).toByteArray()));
          }
        }
        JsonFormat.parser().merge(JSON.writeValueAsString(obj), builder);
      } catch (InvalidProtocolBufferException e) {
        throw new UsageException("invalid order: " + e.getMessage());
      } catch (IOException e) {
        throw new UsageException("the order is not JSON: " + e.getMessage());
      }
    }
  }

  static SignedOrder readSigned(Path file, String expectedKind) {
    try {
      JsonNode doc = JSON.readTree(file.toFile());
      if (!expectedKind.equals(doc.path("kind").asText())) {
        throw new UsageException(
            file
                + " holds a "
                + doc.path("kind").asText()
                + " order, not a "
                + expectedKind
                + " order");
      }
      return SignedOrder.newBuilder()
          .setOrder(hex(doc.path("order").asText(), "order"))
          .setSignature(hex(doc.path("signature").asText(), "signature"))
          .build();
    } catch (IOException e) {
      throw new UsageException("cannot read signed order " + file + ": " + e.getMessage());
    }
  }

  @Command(
      name = "match",
      mixinStandardHelpOptions = true,
      description = "Match signed orders into a deal (prints deal.id in the events).")
  static final class Match extends Base {
    @Option(names = "--app-order", required = true)
    Path app;

    @Option(names = "--dataset-order")
    Path dataset;

    @Option(names = "--workerpool-order", required = true)
    Path pool;

    @Option(names = "--request-order", required = true)
    Path request;

    @Override
    Msg message(String chainId) {
      MsgMatchOrders.Builder m =
          MsgMatchOrders.newBuilder()
              .setAppOrder(readSigned(app, "app"))
              .setWorkerpoolOrder(readSigned(pool, "workerpool"))
              .setRequestOrder(readSigned(request, "request"));
      if (dataset != null) {
        m.setDatasetOrder(readSigned(dataset, "dataset"));
      }
      return Msg.newBuilder().setMatchOrders(m).build();
    }
  }

  @Command(
      name = "initialize",
      mixinStandardHelpOptions = true,
      description = "Initialize task IDX of a deal.")
  static final class Initialize extends Base {
    @Option(names = "--deal", required = true)
    String deal;

    @Option(names = "--idx", required = true)
    long idx;

    @Override
    Msg message(String chainId) {
      return Msg.newBuilder()
          .setInitializeTask(
              MsgInitializeTask.newBuilder().setDealId(id32(deal, "--deal")).setIdx(idx))
          .build();
    }
  }

  @Command(
      name = "contribute",
      mixinStandardHelpOptions = true,
      description = {
        "The scheduler (--from) submits a batch of contributions, each signed here by a worker key",
        "of the key store: --contribution WORKER_KEY=RESULT_DIGEST (32-byte hex), repeatable.",
        "resultHash and resultSeal are computed from the digest."
      })
  static final class Contribute extends Base {
    @Option(names = "--task", required = true)
    String task;

    @Option(names = "--contribution", required = true, paramLabel = "WORKER_KEY=DIGEST")
    List<String> contributions;

    @Override
    Msg message(String chainId) {
      ByteString taskId = id32(task, "--task");
      MsgContributeBatch.Builder b = MsgContributeBatch.newBuilder();
      for (String c : contributions) {
        String[] p = pair(c, "--contribution");
        BigInteger workerKey = TxCommand.loadKey(sign.home, sign.keyring, p[0]);
        b.addContributions(
            ContributionSigning.sign(
                chainId, taskId, id32(p[1], "result digest"), ByteString.EMPTY, workerKey));
      }
      return Msg.newBuilder().setContributeBatch(b).build();
    }
  }

  @Command(
      name = "reveal",
      mixinStandardHelpOptions = true,
      description =
          "The scheduler reveals workers' digests: --reveal WORKER_ADDRESS=DIGEST, repeatable.")
  static final class Reveal extends Base {
    @Option(names = "--task", required = true)
    String task;

    @Option(names = "--reveal", required = true, paramLabel = "WORKER=DIGEST")
    List<String> reveals;

    @Override
    Msg message(String chainId) {
      ByteString taskId = id32(task, "--task");
      MsgRevealBatch.Builder b = MsgRevealBatch.newBuilder();
      for (String r : reveals) {
        String[] p = pair(r, "--reveal");
        Address worker = TxCommand.parseAddress(p[0]);
        b.addReveals(
            RevealItem.newBuilder()
                .setTaskId(taskId)
                .setWorker(worker.bytes())
                .setResultDigest(id32(p[1], "result digest")));
      }
      return Msg.newBuilder().setRevealBatch(b).build();
    }
  }

  @Command(
      name = "finalize",
      mixinStandardHelpOptions = true,
      description = "Finalize a task (scheduler).")
  static final class Finalize extends Base {
    @Option(names = "--task", required = true)
    String task;

    @Option(
        names = "--results",
        defaultValue = "",
        description = "What the scheduler publishes as results.")
    String results;

    @Override
    Msg message(String chainId) {
      return Msg.newBuilder()
          .setFinalizeTask(
              MsgFinalizeTask.newBuilder()
                  .setTaskId(id32(task, "--task"))
                  .setResults(ByteString.copyFromUtf8(results)))
          .build();
    }
  }

  @Command(
      name = "claim",
      mixinStandardHelpOptions = true,
      description = "Claim task IDX of a deal after its final deadline.")
  static final class Claim extends Base {
    @Option(names = "--deal", required = true)
    String deal;

    @Option(names = "--idx", required = true)
    long idx;

    @Override
    Msg message(String chainId) {
      return Msg.newBuilder()
          .setClaimTask(MsgClaimTask.newBuilder().setDealId(id32(deal, "--deal")).setIdx(idx))
          .build();
    }
  }

  @Command(
      name = "reopen",
      mixinStandardHelpOptions = true,
      description = "Reopen a task nobody revealed (scheduler).")
  static final class Reopen extends Base {
    @Option(names = "--task", required = true)
    String task;

    @Override
    Msg message(String chainId) {
      return Msg.newBuilder()
          .setReopenTask(MsgReopenTask.newBuilder().setTaskId(id32(task, "--task")))
          .build();
    }
  }

  @Command(
      name = "challenge",
      mixinStandardHelpOptions = true,
      description = {
        "Challenge a COMPLETED task of a deterministic app inside its reversal window: locks the",
        "challenge bond (default 100 RLC) and draws verifiers. If they find the result wrong the",
        "task is reversed, the bond comes back with 10 % of the seized stakes; if they uphold it,",
        "the bond goes to them."
      })
  static final class Challenge extends Base {
    @Option(names = "--task", required = true, paramLabel = "TASK_ID", description = "0x task id.")
    String task;

    @Override
    Msg message(String chainId) {
      return Msg.newBuilder()
          .setChallenge(MsgChallenge.newBuilder().setTaskId(id32(task, "--task")))
          .build();
    }
  }
}
