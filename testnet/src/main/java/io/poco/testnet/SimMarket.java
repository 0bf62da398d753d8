package io.poco.testnet;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Keccak;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.exec.ChainEvent;
import io.poco.core.exec.ExecutionResult;
import io.poco.core.ids.PocoIds;
import io.poco.core.market.SignedOrders;
import io.poco.proto.v1.AppOrder;
import io.poco.proto.v1.GenesisAccount;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgInitializeTask;
import io.poco.proto.v1.MsgMatchOrders;
import io.poco.proto.v1.MsgRegisterApp;
import io.poco.proto.v1.MsgRegisterWorkerpool;
import io.poco.proto.v1.RequestOrder;
import io.poco.proto.v1.WorkerpoolOrder;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * The market steps an in-process {@link SimChain} needs before tasks can run: deterministic keys,
 * genesis accounts, registering the app and the workerpool, matching one deal, initializing tasks;
 * shared by the saboteur simulation and the execution benchmark.
 */
final class SimMarket {

  static final long RLC = 1_000_000_000L;

  /** The app owner, the workerpool's scheduler and the requester of a deal. */
  record Parties(BigInteger appOwner, BigInteger scheduler, BigInteger requester) {}

  private SimMarket() {}

  /** A private key derived from a role name and an index: the same on every run. */
  static BigInteger key(String role, int i) {
    byte[] h = Keccak.hash(("sim " + role + " " + i).getBytes(StandardCharsets.UTF_8));
    return new BigInteger(1, h).mod(BigInteger.ONE.shiftLeft(250)).add(BigInteger.ONE);
  }

  static GenesisAccount account(BigInteger key, long balance) {
    return GenesisAccount.newBuilder()
        .setAddress(Secp256k1.address(key).toHex())
        .setBalance(balance)
        .build();
  }

  static Msg registerApp() {
    return Msg.newBuilder()
        .setRegisterApp(
            MsgRegisterApp.newBuilder().setName("sim").setImage("sim:1").setDeterministic(true))
        .build();
  }

  static Msg registerPool() {
    return Msg.newBuilder()
        .setRegisterWorkerpool(MsgRegisterWorkerpool.newBuilder().setDescription("sim pool"))
        .build();
  }

  static Msg initialize(ByteString deal, long idx) {
    return Msg.newBuilder()
        .setInitializeTask(MsgInitializeTask.newBuilder().setDealId(deal).setIdx(idx))
        .build();
  }

  /**
   * Matches one deal of {@code volume} tasks at {@code price} and {@code trust} between the first
   * app and workerpool of the parties, in a block of its own; returns the deal id.
   */
  static ByteString match(
      SimChain chain, long blockSeconds, Parties parties, long volume, long trust, long price) {
    String chainId = chain.chainId();
    Address app = PocoIds.appId(Secp256k1.address(parties.appOwner()), 0);
    Address pool = PocoIds.workerpoolId(Secp256k1.address(parties.scheduler()), 0);
    AppOrder appOrder = AppOrder.newBuilder().setApp(app.bytes()).setVolume(volume).build();
    WorkerpoolOrder poolOrder =
        WorkerpoolOrder.newBuilder()
            .setWorkerpool(pool.bytes())
            .setWorkerpoolprice(price)
            .setVolume(volume)
            .setTrust(trust)
            .build();
    RequestOrder request =
        RequestOrder.newBuilder()
            .setApp(app.bytes())
            .setWorkerpool(pool.bytes())
            .setWorkerpoolmaxprice(price)
            .setRequester(Secp256k1.address(parties.requester()).bytes())
            .setVolume(volume)
            .setTrust(trust)
            .build();
    Msg match =
        Msg.newBuilder()
            .setMatchOrders(
                MsgMatchOrders.newBuilder()
                    .setAppOrder(SignedOrders.sign(chainId, appOrder, parties.appOwner()))
                    .setWorkerpoolOrder(SignedOrders.sign(chainId, poolOrder, parties.scheduler()))
                    .setRequestOrder(SignedOrders.sign(chainId, request, parties.requester())))
            .build();
    ExecutionResult r =
        chain.block(blockSeconds, List.of(chain.tx(parties.requester(), match))).get(0);
    expectOk(List.of(r), "match");
    for (ChainEvent e : r.events()) {
      if (e.type().equals("deal")) {
        return ByteString.copyFrom(HexFormat.of().parseHex(attr(e, "id").substring(2)));
      }
    }
    throw new IllegalStateException("no deal event");
  }

  static void expectOk(List<ExecutionResult> results, String what) {
    for (ExecutionResult r : results) {
      if (!r.outcome().isOk()) {
        throw new IllegalStateException(what + " refused: " + r.outcome().log());
      }
    }
  }

  static String attr(ChainEvent e, String key) {
    String v = attrOrEmpty(e, key);
    if (v.isEmpty()) {
      throw new IllegalStateException("event " + e.type() + " has no " + key);
    }
    return v;
  }

  static String attrOrEmpty(ChainEvent e, String key) {
    for (ChainEvent.Attribute a : e.attributes()) {
      if (a.key().equals(key)) {
        return a.value();
      }
    }
    return "";
  }
}
