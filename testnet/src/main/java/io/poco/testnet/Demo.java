package io.poco.testnet;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.tx.TxSigning;
import io.poco.node.PocoNode;
import io.poco.node.cli.PocodCommand;
import io.poco.node.config.AppConfig;
import io.poco.node.config.NodeHome;
import io.poco.node.keys.KeyStore;
import io.poco.proto.v1.AccountRequest;
import io.poco.proto.v1.BroadcastMode;
import io.poco.proto.v1.BroadcastRequest;
import io.poco.proto.v1.BroadcastResponse;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgSend;
import io.poco.proto.v1.QueryServiceGrpc;
import io.poco.proto.v1.StatusRequest;
import io.poco.proto.v1.TxBody;
import io.poco.proto.v1.TxServiceGrpc;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * {@code make demo} (until the multi-validator testnet exists): a single validator made by {@code
 * pocod init}, a transfer workload from several funded accounts for {@code DEMO_SECONDS} (default
 * 30), progress lines every five seconds and a summary; then everything is stopped and the
 * temporary home removed.
 */
public final class Demo {

  private static final long RLC = 1_000_000_000L;
  private static final int SENDERS = 16;

  private Demo() {}

  public static void main(String[] args) throws Exception {
    long seconds = Long.parseLong(System.getenv().getOrDefault("DEMO_SECONDS", "30"));
    Path dir = Files.createTempDirectory("poco-demo");
    NodeHome home = new NodeHome(dir.resolve("node"));
    say("initialising a single-validator chain in %s", home.root());
    int exit =
        new CommandLine(new PocodCommand())
            .execute(
                "init",
                "--home",
                home.root().toString(),
                "--chain-id",
                "poco-demo",
                "--keyring-backend",
                "test",
                "--timeout-commit",
                "500ms",
                "--output",
                "json");
    if (exit != 0) {
      throw new IllegalStateException("pocod init failed");
    }
    AppConfig config = AppConfig.load(home.appConfig());
    int status = 0;
    try (PocoNode node = PocoNode.start(home, config, true)) {
      ManagedChannel channel =
          ManagedChannelBuilder.forAddress("127.0.0.1", node.grpcPort()).usePlaintext().build();
      try {
        status = run(channel, home, seconds);
      } finally {
        channel.shutdownNow();
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    System.exit(status);
  }

  private static int run(ManagedChannel channel, NodeHome home, long seconds) throws Exception {
    var query = QueryServiceGrpc.newBlockingStub(channel);
    var txs = TxServiceGrpc.newBlockingStub(channel);
    long start = System.nanoTime();
    while (heightOrMinusOne(query) < 1) {
      if (System.nanoTime() - start > 60_000_000_000L) {
        say("the chain did not start within 60 s");
        return 1;
      }
      Thread.sleep(250);
    }
    long firstHeight = heightOrMinusOne(query);
    say("chain is live at height %d", firstHeight);

    KeyStore keys = new KeyStore(home.keyring());
    BigInteger faucetKey = keys.privateKey("validator", null);
    Address faucet = keys.show("validator").address();
    List<BigInteger> senders = new ArrayList<>();
    for (int i = 0; i < SENDERS; i++) {
      senders.add(BigInteger.valueOf(10_000 + i));
    }
    say("funding %d workload accounts with 1 000 RLC each", SENDERS);
    for (int i = 0; i < SENDERS; i++) {
      BroadcastResponse r =
          txs.broadcast(
              tx(
                  faucetKey,
                  faucet,
                  i,
                  Secp256k1.address(senders.get(i)),
                  1000 * RLC,
                  i == SENDERS - 1
                      ? BroadcastMode.BROADCAST_MODE_COMMIT
                      : BroadcastMode.BROADCAST_MODE_SYNC));
      if (r.getCheck().getCode() != 0) {
        say("funding refused: %s", r.getCheck().getLog());
        return 1;
      }
    }

    say("sending transfers for %d s from %d accounts (Broadcast in commit mode)", seconds, SENDERS);
    LatencyRecorder latency = new LatencyRecorder();
    AtomicLong failed = new AtomicLong();
    long loadStart = System.nanoTime();
    long deadline = loadStart + seconds * 1_000_000_000L;
    long heightAtLoad = heightOrMinusOne(query);
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < SENDERS; i++) {
      BigInteger key = senders.get(i);
      Address from = Secp256k1.address(key);
      Address to = Secp256k1.address(senders.get((i + 1) % SENDERS));
      workers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    long nonce = 0;
                    while (System.nanoTime() < deadline) {
                      long t0 = System.nanoTime();
                      try {
                        BroadcastResponse r =
                            txs.broadcast(
                                tx(
                                    key,
                                    from,
                                    nonce,
                                    to,
                                    1_000,
                                    BroadcastMode.BROADCAST_MODE_COMMIT));
                        if (r.getCheck().getCode() == 0 && r.getResult().getCode() == 0) {
                          latency.record((System.nanoTime() - t0) / 1_000_000);
                          nonce++;
                        } else {
                          failed.incrementAndGet();
                          nonce = account(channel, from);
                        }
                      } catch (RuntimeException e) {
                        failed.incrementAndGet();
                      }
                    }
                  }));
    }
    long nextReport = loadStart + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      Thread.sleep(200);
      if (System.nanoTime() >= nextReport) {
        nextReport += 5_000_000_000L;
        double elapsed = (System.nanoTime() - loadStart) / 1e9;
        say(
            "t=%3.0fs height %d, %d transfers committed (%.1f tx/s), p50 %d ms",
            elapsed,
            heightOrMinusOne(query),
            latency.count(),
            latency.count() / elapsed,
            latency.percentile(50));
      }
    }
    for (Thread w : workers) {
      w.join(70_000);
    }
    double elapsed = (System.nanoTime() - loadStart) / 1e9;
    long lastHeight = heightOrMinusOne(query);
    String appHash =
        java.util.HexFormat.of()
            .withUpperCase()
            .formatHex(
                query.status(StatusRequest.getDefaultInstance()).getLatestAppHash().toByteArray());
    System.out.println();
    System.out.println("==== demo summary ====");
    System.out.printf("validators           1 (CometBFT v0.38.25, timeout_commit 500ms)%n");
    System.out.printf(
        "blocks during load   %d (heights %d..%d)%n",
        lastHeight - heightAtLoad, heightAtLoad, lastHeight);
    System.out.printf(
        "transfers committed  %d (%d refused or failed)%n", latency.count(), failed.get());
    System.out.printf("throughput           %.1f tx/s%n", latency.count() / elapsed);
    System.out.printf(
        "latency p50 / p99    %d ms / %d ms (Broadcast to commit)%n",
        latency.percentile(50), latency.percentile(99));
    System.out.printf("last app hash        %s%n", appHash);
    return latency.count() > 0 ? 0 : 1;
  }

  private static long account(ManagedChannel channel, Address address) {
    return QueryServiceGrpc.newBlockingStub(channel)
        .account(AccountRequest.newBuilder().setAddress(address.bytes()).build())
        .getAccount()
        .getNonce();
  }

  private static BroadcastRequest tx(
      BigInteger key, Address from, long nonce, Address to, long amount, BroadcastMode mode) {
    TxBody body =
        TxBody.newBuilder()
            .setChainId("poco-demo")
            .setNonce(nonce)
            .setSender(from.bytes())
            .addMessages(
                Msg.newBuilder().setSend(MsgSend.newBuilder().setTo(to.bytes()).setAmount(amount)))
            .build();
    return BroadcastRequest.newBuilder()
        .setTx(TxSigning.sign(body, key).toByteString())
        .setMode(mode)
        .build();
  }

  private static long heightOrMinusOne(QueryServiceGrpc.QueryServiceBlockingStub query) {
    try {
      return query.status(StatusRequest.getDefaultInstance()).getLatestHeight();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static void say(String format, Object... args) {
    System.out.printf("[demo] " + format + "%n", args);
  }
}
