package io.poco.core.market;

import static io.poco.core.task.PocoChainFixture.RLC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.protobuf.ByteString;
import io.poco.core.exec.ExecutionResult;
import io.poco.core.exec.Schema;
import io.poco.core.ids.PocoIds;
import io.poco.core.task.PocoChainFixture;
import io.poco.core.task.PocoMarket;
import io.poco.core.task.PocoMsgs;
import io.poco.core.tx.TxCode;
import io.poco.proto.v1.AppOrder;
import io.poco.proto.v1.DatasetOrder;
import io.poco.proto.v1.Deal;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgCancelOrder;
import io.poco.proto.v1.OrderKind;
import io.poco.proto.v1.RequestOrder;
import io.poco.proto.v1.SignedOrder;
import io.poco.proto.v1.WorkerpoolOrder;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code matchOrders} and every rule of poco.md §1. */
class MatchOrdersTest {

  private static final int APP_OWNER = 0;
  private static final int SCHEDULER = 2;
  private static final int REQUESTER = 3;
  private static final int STRANGER = 4;

  private final PocoChainFixture chain = new PocoChainFixture(6, 100 * RLC);
  private final PocoMarket market = new PocoMarket(chain);

  MatchOrdersTest() {
    market.withDataset = true;
    market.appPrice = RLC;
    market.datasetPrice = 2 * RLC;
    market.poolPrice = 10 * RLC;
    market.volume = 5;
    market.trust = 0;
    market.register();
  }

  @Test
  void aMatchFreezesTheDealAndLocksTheEscrow() {
    ExecutionResult r =
        market.match(
            market.appOrder(),
            market.datasetOrder(),
            market.poolOrder().setTrust(5),
            market.requestOrder().setTrust(0));
    assertEquals(TxCode.OK, r.outcome().code(), r.outcome().log());
    ByteString requestHash =
        SignedOrders.hash(
            OrderKind.ORDER_KIND_REQUEST,
            PocoChainFixture.CHAIN_ID,
            market.requestOrder().setTrust(0).build().toByteString());
    ByteString dealId = PocoIds.dealId(requestHash, 0);
    assertEquals(PocoIds.hex(dealId), PocoChainFixture.attr(r, "deal", "id"));
    Deal deal = chain.deal(dealId);
    assertEquals(1, deal.getTrust());
    assertEquals(0, deal.getBotFirst());
    assertEquals(5, deal.getBotSize());
    assertEquals(RLC, deal.getAppPrice());
    assertEquals(2 * RLC, deal.getDatasetPrice());
    assertEquals(10 * RLC, deal.getWorkerpoolPrice());
    assertEquals(3 * RLC, deal.getWorkerStake());
    assertEquals(3 * RLC, deal.getSchedulerStake());
    assertEquals(1, deal.getSchedulerRewardRatio());
    assertEquals(chain.now(), deal.getStartTime());
    assertEquals(300, deal.getTimeref());
    assertEquals(chain.address(APP_OWNER).bytes(), deal.getAppOwner());
    assertEquals(chain.address(SCHEDULER).bytes(), deal.getWorkerpoolOwner());
    assertEquals(65 * RLC, chain.locked(REQUESTER));
    assertEquals(35 * RLC, chain.balance(REQUESTER));
    assertEquals(15 * RLC, chain.locked(SCHEDULER));
    assertEquals(5L, Schema.CONSUMED.get(chain.store().latest(), requestHash).orElseThrow());
  }

  @Test
  void theVolumeIsTheSmallestRemainderAndConsumedNeverExceedsAnOrdersVolume() {
    ExecutionResult first =
        market.match(
            market.appOrder(),
            market.datasetOrder(),
            market.poolOrder().setVolume(3),
            market.requestOrder());
    assertEquals(TxCode.OK, first.outcome().code(), first.outcome().log());
    assertEquals("3", PocoChainFixture.attr(first, "deal", "volume"));
    ExecutionResult second =
        market.match(
            market.appOrder(),
            market.datasetOrder(),
            market.poolOrder().setVolume(10).setSalt(ByteString.copyFromUtf8("2")),
            market.requestOrder());
    assertEquals(TxCode.OK, second.outcome().code(), second.outcome().log());
    assertEquals("2", PocoChainFixture.attr(second, "deal", "volume"));
    assertEquals("3", PocoChainFixture.attr(second, "deal", "bot_first"));
    assertNotEquals(
        PocoChainFixture.attr(first, "deal", "id"), PocoChainFixture.attr(second, "deal", "id"));
    ExecutionResult third =
        market.match(
            market.appOrder(),
            market.datasetOrder(),
            market.poolOrder().setVolume(10).setSalt(ByteString.copyFromUtf8("2")),
            market.requestOrder());
    assertEquals(TxCode.ORDER_CONSUMED, third.outcome().code());
    assertEquals(65 * RLC, chain.locked(REQUESTER));
  }

  static Stream<Arguments> broken() {
    ByteString other =
        ByteString.copyFrom(
            new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
    ByteString bit1 = tag(1);
    return Stream.of(
        broken("categories differ", TxCode.ORDERS_DO_NOT_MATCH, o -> o.request.setCategory(1)),
        broken(
            "request trust above the pool's",
            TxCode.ORDERS_DO_NOT_MATCH,
            o -> o.request.setTrust(3)),
        broken(
            "app price above the maximum",
            TxCode.ORDERS_DO_NOT_MATCH,
            o -> o.request.setAppmaxprice(RLC - 1)),
        broken(
            "dataset price above the maximum",
            TxCode.ORDERS_DO_NOT_MATCH,
            o -> o.request.setDatasetmaxprice(2 * RLC - 1)),
        broken(
            "pool price above the maximum",
            TxCode.ORDERS_DO_NOT_MATCH,
            o -> o.request.setWorkerpoolmaxprice(10 * RLC - 1)),
        broken(
            "request tag not in the pool's",
            TxCode.ORDERS_DO_NOT_MATCH,
            o -> o.request.setTag(bit1)),
        broken("app tag not in the pool's", TxCode.ORDERS_DO_NOT_MATCH, o -> o.app.setTag(bit1)),
        broken(
            "dataset tag not in the pool's",
            TxCode.ORDERS_DO_NOT_MATCH,
            o -> o.dataset.setTag(bit1)),
        broken(
            "request names another app", TxCode.ORDERS_DO_NOT_MATCH, o -> o.request.setApp(other)),
        broken(
            "request names another dataset",
            TxCode.ORDERS_DO_NOT_MATCH,
            o -> o.request.setDataset(other)),
        broken(
            "request restricted to another pool",
            TxCode.ORDER_RESTRICTED,
            o -> o.request.setWorkerpool(other)),
        broken(
            "app restricted to another dataset",
            TxCode.ORDER_RESTRICTED,
            o -> o.app.setDatasetrestrict(other)),
        broken(
            "app restricted to another pool",
            TxCode.ORDER_RESTRICTED,
            o -> o.app.setWorkerpoolrestrict(other)),
        broken(
            "app restricted to another requester",
            TxCode.ORDER_RESTRICTED,
            o -> o.app.setRequesterrestrict(other)),
        broken(
            "dataset restricted to another app",
            TxCode.ORDER_RESTRICTED,
            o -> o.dataset.setApprestrict(other)),
        broken(
            "dataset restricted to another pool",
            TxCode.ORDER_RESTRICTED,
            o -> o.dataset.setWorkerpoolrestrict(other)),
        broken(
            "dataset restricted to another requester",
            TxCode.ORDER_RESTRICTED,
            o -> o.dataset.setRequesterrestrict(other)),
        broken(
            "pool restricted to another app",
            TxCode.ORDER_RESTRICTED,
            o -> o.pool.setApprestrict(other)),
        broken(
            "pool restricted to another dataset",
            TxCode.ORDER_RESTRICTED,
            o -> o.pool.setDatasetrestrict(other)),
        broken(
            "pool restricted to another requester",
            TxCode.ORDER_RESTRICTED,
            o -> o.pool.setRequesterrestrict(other)),
        broken(
            "unknown category",
            TxCode.INVALID_ORDER,
            o -> {
              o.request.setCategory(9);
              o.pool.setCategory(9);
            }),
        broken("zero volume", TxCode.INVALID_ORDER, o -> o.app.setVolume(0)),
        broken("short tag", TxCode.INVALID_ORDER, o -> o.app.setTag(ByteString.copyFromUtf8("x"))),
        broken(
            "prices overflow",
            TxCode.INVALID_AMOUNT,
            o -> {
              o.pool.setWorkerpoolprice(Long.MAX_VALUE / 2);
              o.request.setWorkerpoolmaxprice(Long.MAX_VALUE / 2);
            }),
        broken(
            "requester short of funds",
            TxCode.INSUFFICIENT_FUNDS,
            o -> {
              o.pool.setWorkerpoolprice(30 * RLC);
              o.request.setWorkerpoolmaxprice(30 * RLC);
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void aBrokenRuleRefusesTheMatchAndLocksNothing(
      String name, TxCode expected, Consumer<Orders> breakIt) {
    Orders o = new Orders();
    breakIt.accept(o);
    ExecutionResult r = market.match(o.app, o.dataset, o.pool, o.request);
    assertEquals(expected, r.outcome().code(), name + ": " + r.outcome().log());
    assertEquals(0, chain.locked(REQUESTER));
    assertEquals(0, chain.locked(SCHEDULER));
  }

  @Test
  void restrictionsNamingTheActualPartiesAndSubsetTagsMatch() {
    Orders o = new Orders();
    ByteString requester = chain.address(REQUESTER).bytes();
    o.app
        .setDatasetrestrict(market.dataset.bytes())
        .setWorkerpoolrestrict(market.pool.bytes())
        .setRequesterrestrict(requester)
        .setTag(tag(0));
    o.dataset.setApprestrict(market.app.bytes()).setRequesterrestrict(requester);
    o.pool
        .setApprestrict(market.app.bytes())
        .setDatasetrestrict(market.dataset.bytes())
        .setRequesterrestrict(requester)
        .setTag(or(tag(0), tag(1)));
    o.request.setTag(tag(1));
    ExecutionResult r = market.match(o.app, o.dataset, o.pool, o.request);
    assertEquals(TxCode.OK, r.outcome().code(), r.outcome().log());
    assertEquals(
        or(tag(0), tag(1)),
        chain.deal(PocoMarket.hex(PocoChainFixture.attr(r, "deal", "id"))).getTag());
  }

  @Test
  void anOrderSignedByAnyoneButItsOwnerIsRefused() {
    Orders o = new Orders();
    SignedOrder forged = chain.sign(STRANGER, o.pool.build());
    ExecutionResult r =
        chain.exec(
            REQUESTER,
            PocoMsgs.match(
                chain.sign(APP_OWNER, o.app.build()),
                chain.sign(1, o.dataset.build()),
                forged,
                chain.sign(REQUESTER, o.request.build())));
    assertEquals(TxCode.INVALID_ORDER_SIGNATURE, r.outcome().code());
    SignedOrder otherChain =
        SignedOrders.sign("other-chain", o.request.build(), chain.key(REQUESTER));
    r =
        chain.exec(
            REQUESTER,
            PocoMsgs.match(
                chain.sign(APP_OWNER, o.app.build()),
                chain.sign(1, o.dataset.build()),
                chain.sign(SCHEDULER, o.pool.build()),
                otherChain));
    assertEquals(TxCode.INVALID_ORDER_SIGNATURE, r.outcome().code());
  }

  @Test
  void nonCanonicalOrderBytesAreRefused() {
    Orders o = new Orders();
    SignedOrder good = chain.sign(APP_OWNER, o.app.build());
    // An unknown field appended: the signature covers these bytes, but they are not canonical.
    ByteString padded = good.getOrder().concat(ByteString.copyFrom(new byte[] {(byte) 0xf8, 1, 1}));
    SignedOrder bad =
        SignedOrders.sign(PocoChainFixture.CHAIN_ID, o.app.build(), chain.key(APP_OWNER))
            .toBuilder()
            .setOrder(padded)
            .build();
    ExecutionResult r =
        chain.exec(
            REQUESTER,
            PocoMsgs.match(
                bad,
                chain.sign(1, o.dataset.build()),
                chain.sign(SCHEDULER, o.pool.build()),
                chain.sign(REQUESTER, o.request.build())));
    assertEquals(TxCode.INVALID_ORDER, r.outcome().code(), r.outcome().log());
  }

  @Test
  void onlyTheSignerCancelsAndACancelledOrderNeverMatches() {
    Orders o = new Orders();
    Msg cancel =
        Msg.newBuilder()
            .setCancelOrder(
                MsgCancelOrder.newBuilder()
                    .setKind(OrderKind.ORDER_KIND_WORKERPOOL)
                    .setOrder(o.pool.build().toByteString()))
            .build();
    assertEquals(TxCode.NOT_AUTHORIZED, chain.exec(STRANGER, cancel).outcome().code());
    chain.ok(SCHEDULER, cancel);
    ExecutionResult r = market.match(o.app, o.dataset, o.pool, o.request);
    assertEquals(TxCode.ORDER_CONSUMED, r.outcome().code());
    Msg cancelRequest =
        Msg.newBuilder()
            .setCancelOrder(
                MsgCancelOrder.newBuilder()
                    .setKind(OrderKind.ORDER_KIND_REQUEST)
                    .setOrder(o.request.build().toByteString()))
            .build();
    assertEquals(TxCode.NOT_AUTHORIZED, chain.exec(SCHEDULER, cancelRequest).outcome().code());
    chain.ok(REQUESTER, cancelRequest);
  }

  @Test
  void aRequestWithoutDatasetMatchesWithoutDatasetOrder() {
    Orders o = new Orders();
    o.request.clearDataset().clearDatasetmaxprice();
    ExecutionResult r = market.match(o.app, null, o.pool, o.request);
    assertEquals(TxCode.OK, r.outcome().code(), r.outcome().log());
    assertEquals(55 * RLC, chain.locked(REQUESTER));
    Orders p = new Orders();
    p.request.clearDataset().setSalt(ByteString.copyFromUtf8("s"));
    assertEquals(
        TxCode.ORDERS_DO_NOT_MATCH,
        market.match(p.app, p.dataset, p.pool, p.request).outcome().code());
  }

  /** The four default orders, open to mutation. */
  final class Orders {
    final AppOrder.Builder app = market.appOrder();
    final DatasetOrder.Builder dataset = market.datasetOrder();
    final WorkerpoolOrder.Builder pool = market.poolOrder().setTrust(2);
    final RequestOrder.Builder request = market.requestOrder();
  }

  private static Arguments broken(String name, TxCode code, Consumer<Orders> change) {
    return Arguments.of(name, code, change);
  }

  private static ByteString tag(int bit) {
    byte[] t = new byte[32];
    t[31 - bit / 8] = (byte) (1 << (bit % 8));
    return ByteString.copyFrom(t);
  }

  private static ByteString or(ByteString a, ByteString b) {
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      out[i] = (byte) (a.byteAt(i) | b.byteAt(i));
    }
    return ByteString.copyFrom(out);
  }
}
