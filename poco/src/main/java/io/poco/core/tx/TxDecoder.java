package io.poco.core.tx;

import com.google.protobuf.InvalidProtocolBufferException;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.crypto.Signature;
import io.poco.proto.v1.ChainParams;
import io.poco.proto.v1.Tx;
import io.poco.proto.v1.TxBody;
import java.util.Optional;

/**
 * Decodes raw transaction bytes and runs the stateless checks of chain.md §1, in a fixed order so
 * that a transaction always gets the same code: size, encoding, chain id, sender, signature (low-s,
 * recovery), message count, fee. Pure and thread-safe: CheckTx and FinalizeBlock may run it on
 * several cores before sequential execution.
 */
public final class TxDecoder {

  private final String chainId;

  public TxDecoder(String chainId) {
    this.chainId = chainId;
  }

  public DecodeResult decode(byte[] raw, ChainParams params) {
    if (raw.length > params.getMaxTxBytes()) {
      return DecodeResult.fail(
          TxCode.TX_TOO_LARGE,
          "transaction is " + raw.length + " bytes; the limit is " + params.getMaxTxBytes());
    }
    Tx tx;
    TxBody body;
    try {
      tx = Tx.parseFrom(raw);
      body = TxBody.parseFrom(tx.getBodyBytes());
    } catch (InvalidProtocolBufferException e) {
      return DecodeResult.fail(TxCode.MALFORMED_TX, "cannot decode transaction: " + e.getMessage());
    }
    if (!body.getChainId().equals(chainId)) {
      return DecodeResult.fail(
          TxCode.WRONG_CHAIN_ID,
          "transaction is for chain '" + body.getChainId() + "', this is '" + chainId + "'");
    }
    if (!Address.isValid(body.getSender())) {
      return DecodeResult.fail(
          TxCode.INVALID_ADDRESS,
          "sender must be a 20-byte address, got " + body.getSender().size() + " bytes");
    }
    Address sender = new Address(body.getSender());
    Signature sig = Signature.decode(tx.getSignature().toByteArray());
    if (sig == null) {
      return DecodeResult.fail(
          TxCode.INVALID_SIGNATURE,
          "signature must be 65 bytes r‖s‖v with v 27 or 28, got "
              + tx.getSignature().size()
              + " bytes");
    }
    if (!Secp256k1.isCanonical(sig)) {
      return DecodeResult.fail(
          TxCode.INVALID_SIGNATURE,
          "signature is not canonical: s must be in the lower half order");
    }
    byte[] digest = TxSigning.digest(body.getChainId(), tx.getBodyBytes());
    Optional<Address> signer = Secp256k1.recoverAddress(digest, sig);
    if (signer.isEmpty()) {
      return DecodeResult.fail(TxCode.INVALID_SIGNATURE, "signature does not recover a key");
    }
    if (!signer.get().equals(sender)) {
      return DecodeResult.fail(
          TxCode.INVALID_SIGNATURE,
          "signature is by " + signer.get() + ", not by the sender " + sender);
    }
    int count = body.getMessagesCount();
    if (count == 0) {
      return DecodeResult.fail(TxCode.NO_MESSAGES, "transaction carries no message");
    }
    if (count > params.getMaxMsgsPerTx()) {
      return DecodeResult.fail(
          TxCode.TOO_MANY_MESSAGES,
          count + " messages; the limit is " + params.getMaxMsgsPerTx() + " per transaction");
    }
    if (body.getFee() < 0) {
      return DecodeResult.fail(TxCode.INVALID_AMOUNT, "fee exceeds 2^63-1 nRLC");
    }
    long minFee = multiplyOrMax(params.getMinFeePerMsg(), count);
    if (body.getFee() < minFee) {
      return DecodeResult.fail(
          TxCode.FEE_TOO_LOW,
          "fee "
              + body.getFee()
              + " nRLC is below the minimum "
              + minFee
              + " for "
              + count
              + " message(s)");
    }
    return DecodeResult.ok(new DecodedTx(tx, body, sender, raw.length));
  }

  private static long multiplyOrMax(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** The default parameters of chain.md §1, for genesis and tools. */
  public static ChainParams defaultParams() {
    return ChainParams.newBuilder()
        .setMaxTxBytes(64 * 1024)
        .setMaxMsgsPerTx(64)
        .setMinFeePerMsg(0)
        .build();
  }
}
