package io.poco.core.market;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.crypto.Signature;
import io.poco.core.ids.SigningDomain;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxOutcome;
import io.poco.proto.v1.AppOrder;
import io.poco.proto.v1.DatasetOrder;
import io.poco.proto.v1.OrderKind;
import io.poco.proto.v1.RequestOrder;
import io.poco.proto.v1.SignedOrder;
import io.poco.proto.v1.WorkerpoolOrder;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Order hashing and signatures. The order hash is {@code keccak256(domain ‖ keccak256(chain_id) ‖
 * order_bytes)} with one domain per order kind; the owner signs that hash (65-byte r‖s‖v, low s).
 * The signed bytes are carried as bytes and must be the canonical encoding of the order, so every
 * order has exactly one hash.
 */
public final class SignedOrders {

  private SignedOrders() {}

  public static SigningDomain domain(OrderKind kind) {
    return switch (kind) {
      case ORDER_KIND_APP -> SigningDomain.APP_ORDER;
      case ORDER_KIND_DATASET -> SigningDomain.DATASET_ORDER;
      case ORDER_KIND_WORKERPOOL -> SigningDomain.WORKERPOOL_ORDER;
      case ORDER_KIND_REQUEST -> SigningDomain.REQUEST_ORDER;
      default -> throw new IllegalArgumentException("no order kind " + kind);
    };
  }

  /** The kind of an order message. */
  public static OrderKind kindOf(Message order) {
    if (order instanceof AppOrder) {
      return OrderKind.ORDER_KIND_APP;
    }
    if (order instanceof DatasetOrder) {
      return OrderKind.ORDER_KIND_DATASET;
    }
    if (order instanceof WorkerpoolOrder) {
      return OrderKind.ORDER_KIND_WORKERPOOL;
    }
    if (order instanceof RequestOrder) {
      return OrderKind.ORDER_KIND_REQUEST;
    }
    throw new IllegalArgumentException("not an order: " + order.getClass().getSimpleName());
  }

  public static ByteString hash(OrderKind kind, String chainId, ByteString orderBytes) {
    return ByteString.copyFrom(domain(kind).digest(chainId, orderBytes));
  }

  /** Serialises {@code order} once and signs the hash of those bytes (for clients and tests). */
  public static SignedOrder sign(String chainId, Message order, BigInteger privateKey) {
    ByteString bytes = order.toByteString();
    Signature sig = Secp256k1.sign(privateKey, hash(kindOf(order), chainId, bytes).toByteArray());
    return SignedOrder.newBuilder()
        .setOrder(bytes)
        .setSignature(ByteString.copyFrom(sig.encode()))
        .build();
  }

  /** Decodes canonical order bytes of {@code kind}, without a signature (cancellation). */
  static <T extends Message> OpenedOrder<T> decode(
      OrderKind kind, String chainId, ByteString bytes, Parser<T> parser) {
    T order;
    try {
      order = parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      return OpenedOrder.fail(
          TxOutcome.fail(TxCode.INVALID_ORDER, label(kind) + ": cannot decode: " + e.getMessage()));
    }
    if (!order.getUnknownFields().asMap().isEmpty() || !order.toByteString().equals(bytes)) {
      return OpenedOrder.fail(
          TxOutcome.fail(
              TxCode.INVALID_ORDER,
              label(kind) + ": the signed bytes are not the canonical encoding of the order"));
    }
    return new OpenedOrder<>(order, hash(kind, chainId, bytes), null, TxOutcome.OK);
  }

  /** Decodes a signed order and recovers its signer. */
  static <T extends Message> OpenedOrder<T> open(
      OrderKind kind, String chainId, SignedOrder signed, Parser<T> parser) {
    OpenedOrder<T> decoded = decode(kind, chainId, signed.getOrder(), parser);
    if (!decoded.isOk()) {
      return decoded;
    }
    Optional<Address> signer = recover(decoded.hash(), signed.getSignature());
    if (signer.isEmpty()) {
      return OpenedOrder.fail(
          TxOutcome.fail(
              TxCode.INVALID_ORDER_SIGNATURE,
              label(kind) + ": signature must be 65 canonical bytes r‖s‖v that recover a key"));
    }
    return new OpenedOrder<>(decoded.order(), decoded.hash(), signer.get(), TxOutcome.OK);
  }

  /** The signer of a 32-byte hash, when the signature is well formed, low-s and recoverable. */
  public static Optional<Address> recover(ByteString hash, ByteString signature) {
    Signature sig = Signature.decode(signature.toByteArray());
    if (sig == null || !Secp256k1.isCanonical(sig)) {
      return Optional.empty();
    }
    return Secp256k1.recoverAddress(hash.toByteArray(), sig);
  }

  static String label(OrderKind kind) {
    return switch (kind) {
      case ORDER_KIND_APP -> "app order";
      case ORDER_KIND_DATASET -> "dataset order";
      case ORDER_KIND_WORKERPOOL -> "workerpool order";
      case ORDER_KIND_REQUEST -> "request order";
      default -> "order";
    };
  }
}
