package io.poco.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.tx.TxSigning;
import io.poco.proto.v1.Account;
import io.poco.proto.v1.AccountRequest;
import io.poco.proto.v1.BroadcastMode;
import io.poco.proto.v1.BroadcastRequest;
import io.poco.proto.v1.BroadcastResponse;
import io.poco.proto.v1.Event;
import io.poco.proto.v1.EventAttribute;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgSend;
import io.poco.proto.v1.QueryServiceGrpc;
import io.poco.proto.v1.TxBody;
import io.poco.proto.v1.TxServiceGrpc;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Signs and broadcasts transactions over gRPC for integration tests, tracking each sender's nonce,
 * and reads accounts back; every broadcast waits for inclusion and must succeed.
 */
final class ChainClient {

  private final String chainId;
  private final ManagedChannel channel;
  private final Map<Address, Long> nonces = new HashMap<>();

  ChainClient(String chainId, ManagedChannel channel) {
    this.chainId = chainId;
    this.channel = channel;
  }

  /** Signs {@code msg} with {@code key}, broadcasts it in commit mode and asserts code 0. */
  BroadcastResponse send(BigInteger key, Msg msg) {
    BroadcastResponse r = broadcast(key, msg);
    assertEquals(0, r.getCheck().getCode(), msg.getSumCase() + ": " + r.getCheck().getLog());
    assertEquals(0, r.getResult().getCode(), msg.getSumCase() + ": " + r.getResult().getLog());
    return r;
  }

  /** Signs and broadcasts in commit mode; the caller checks the codes. */
  BroadcastResponse broadcast(BigInteger key, Msg msg) {
    Address sender = Secp256k1.address(key);
    long nonce = nonces.getOrDefault(sender, 0L);
    TxBody body =
        TxBody.newBuilder()
            .setChainId(chainId)
            .setNonce(nonce)
            .setSender(sender.bytes())
            .addMessages(msg)
            .build();
    BroadcastResponse r =
        TxServiceGrpc.newBlockingStub(channel)
            .broadcast(
                BroadcastRequest.newBuilder()
                    .setTx(TxSigning.sign(body, key).toByteString())
                    .setMode(BroadcastMode.BROADCAST_MODE_COMMIT)
                    .build());
    if (r.getCheck().getCode() == 0) {
      nonces.put(sender, nonce + 1);
    }
    return r;
  }

  static Msg transfer(Address to, long nrlc) {
    return Msg.newBuilder().setSend(MsgSend.newBuilder().setTo(to.bytes()).setAmount(nrlc)).build();
  }

  Account account(BigInteger key) {
    return account(Secp256k1.address(key));
  }

  Account account(Address address) {
    return QueryServiceGrpc.newBlockingStub(channel)
        .account(AccountRequest.newBuilder().setAddress(address.bytes()).build())
        .getAccount();
  }

  /** The value of attribute {@code key} of the first {@code type} event of a committed tx. */
  static String attribute(BroadcastResponse r, String type, String key) {
    for (Event e : r.getResult().getEventsList()) {
      if (e.getType().equals(type)) {
        for (EventAttribute a : e.getAttributesList()) {
          if (a.getKey().equals(key)) {
            return a.getValue();
          }
        }
      }
    }
    throw new AssertionError("no " + type + "." + key + " event in " + r.getResult());
  }

  static ByteString hex(String s) {
    return ByteString.copyFrom(HexFormat.of().parseHex(s.startsWith("0x") ? s.substring(2) : s));
  }
}
