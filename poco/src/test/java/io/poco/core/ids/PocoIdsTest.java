package io.poco.core.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.market.SignedOrders;
import io.poco.core.task.ResultBinding;
import io.poco.proto.v1.AppOrder;
import io.poco.proto.v1.OrderKind;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Golden vectors for identifiers and order hashes, computed independently with Foundry's {@code
 * cast keccak} over the documented byte layouts.
 */
class PocoIdsTest {

  private static ByteString fill(int b, int n) {
    byte[] out = new byte[n];
    java.util.Arrays.fill(out, (byte) b);
    return ByteString.copyFrom(out);
  }

  private static ByteString hex(String s) {
    return ByteString.copyFrom(HexFormat.of().parseHex(s.substring(2)));
  }

  @Test
  void dealIdIsKeccakOfRequestHashAndConsumedAsUint256() {
    assertEquals(
        hex("0xfc3dc96b6c1e621126cc6ddb89671f50e3b102c71f9b705a5bd4d708b3defbfa"),
        PocoIds.dealId(fill(0xab, 32), 5));
  }

  @Test
  void taskIdIsKeccakOfDealIdAndIndexAsUint256() {
    assertEquals(
        hex("0xd1872d9fc4c7028990315d5bfe46d64e457651cec8192b76c2841183d86a1ce4"),
        PocoIds.taskId(
            hex("0xfc3dc96b6c1e621126cc6ddb89671f50e3b102c71f9b705a5bd4d708b3defbfa"), 7));
  }

  @Test
  void registryIdsAreTheLast20BytesOfKeccakOfKindOwnerAndNonce() {
    Address owner = new Address(fill(0x11, 20));
    assertEquals(
        Address.parse("0x7e9e566132c4a6540fd800e62bf1b1d8089f4a22"), PocoIds.appId(owner, 3));
  }

  @Test
  void resultHashAndSealBindTheDigestToTaskAndWorker() {
    ByteString taskId = fill(0x22, 32);
    ByteString digest = fill(0x33, 32);
    assertEquals(
        hex("0xf3357627f4934d47fe409005b05c900777a6d97ec3788304e2d9c7b4d322cd4d"),
        ResultBinding.resultHash(taskId, digest));
    assertEquals(
        hex("0x7064121a2c7f4283d20eb810a5f6784c64875434e321b29e687f467beb0bee3e"),
        ResultBinding.resultSeal(new Address(fill(0x11, 20)), taskId, digest));
  }

  @Test
  void orderHashIsDomainSeparatedAndBindsTheChainId() {
    AppOrder order =
        AppOrder.newBuilder().setApp(fill(0x11, 20)).setAppprice(5).setVolume(1).build();
    assertEquals(
        hex("0x0a14111111111111111111111111111111111111111110051801"), order.toByteString());
    ByteString hash =
        SignedOrders.hash(OrderKind.ORDER_KIND_APP, "test-chain", order.toByteString());
    assertEquals(hex("0x4dd601f8e520185c71596490578b0368e462326af643183dfacc43ed54400757"), hash);
    assertEquals(
        false,
        hash.equals(SignedOrders.hash(OrderKind.ORDER_KIND_APP, "other", order.toByteString())));
    assertEquals(
        false,
        hash.equals(
            SignedOrders.hash(OrderKind.ORDER_KIND_DATASET, "test-chain", order.toByteString())));
  }
}
