package io.poco.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.crypto.Signature;
import io.poco.core.exec.ChainFixture;
import io.poco.proto.v1.ChainParams;
import io.poco.proto.v1.Tx;
import io.poco.proto.v1.TxBody;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class TxDecoderTest {

  private static final BigInteger KEY = BigInteger.valueOf(777);
  private static final Address SENDER = Secp256k1.address(KEY);
  private static final Address OTHER = Secp256k1.address(BigInteger.valueOf(778));
  private final TxDecoder decoder = new TxDecoder(ChainFixture.CHAIN_ID);
  private final ChainParams params = TxDecoder.defaultParams();

  private TxBody.Builder body() {
    return TxBody.newBuilder()
        .setChainId(ChainFixture.CHAIN_ID)
        .setNonce(0)
        .setSender(SENDER.bytes())
        .addMessages(ChainFixture.send(OTHER, 5));
  }

  private TxCode codeOf(byte[] raw) {
    return decoder.decode(raw, params).outcome().code();
  }

  @Test
  void aWellSignedTransactionDecodes() {
    DecodeResult r = decoder.decode(TxSigning.sign(body().build(), KEY).toByteArray(), params);
    assertTrue(r.isOk(), r.outcome().log());
    assertEquals(SENDER, r.tx().sender());
  }

  @Test
  void eachStatelessFailureHasItsOwnCode() {
    assertEquals(TxCode.MALFORMED_TX, codeOf(new byte[] {(byte) 0xff, 0x01}));
    assertEquals(
        TxCode.WRONG_CHAIN_ID,
        codeOf(TxSigning.sign(body().setChainId("x").build(), KEY).toByteArray()));
    assertEquals(
        TxCode.INVALID_ADDRESS,
        codeOf(
            TxSigning.sign(body().setSender(ByteString.copyFrom(new byte[19])).build(), KEY)
                .toByteArray()));
    assertEquals(
        TxCode.INVALID_SIGNATURE,
        codeOf(TxSigning.sign(body().build(), BigInteger.valueOf(9)).toByteArray()));
    assertEquals(
        TxCode.NO_MESSAGES,
        codeOf(TxSigning.sign(body().clearMessages().build(), KEY).toByteArray()));
    TxBody.Builder many = body();
    for (int i = 0; i < 64; i++) {
      many.addMessages(ChainFixture.send(OTHER, 1));
    }
    assertEquals(TxCode.TOO_MANY_MESSAGES, codeOf(TxSigning.sign(many.build(), KEY).toByteArray()));
    assertEquals(
        TxCode.TX_TOO_LARGE,
        codeOf(TxSigning.sign(body().setMemo("x".repeat(70_000)).build(), KEY).toByteArray()));
  }

  @Test
  void aSignatureForAnotherChainIsRefused() {
    TxBody b = body().build();
    Tx signedElsewhere =
        Tx.newBuilder()
            .setBodyBytes(b.toByteString())
            .setSignature(
                ByteString.copyFrom(
                    Secp256k1.sign(KEY, TxSigning.digest("other-chain", b.toByteString()))
                        .encode()))
            .build();
    assertEquals(TxCode.INVALID_SIGNATURE, codeOf(signedElsewhere.toByteArray()));
  }

  @Test
  void theHighSTwinOfAValidSignatureIsRefused() {
    Tx tx = TxSigning.sign(body().build(), KEY);
    Signature sig = Signature.decode(tx.getSignature().toByteArray());
    Signature twin = new Signature(sig.r(), Secp256k1.N.subtract(sig.s()), 1 - sig.recoveryId());
    Tx malleated = tx.toBuilder().setSignature(ByteString.copyFrom(twin.encode())).build();
    DecodeResult r = decoder.decode(malleated.toByteArray(), params);
    assertEquals(TxCode.INVALID_SIGNATURE, r.outcome().code());
    assertTrue(r.outcome().log().contains("lower half"));
  }

  @Test
  void feesBelowTheFloorAreRefused() {
    ChainParams priced = params.toBuilder().setMinFeePerMsg(10).build();
    byte[] raw = TxSigning.sign(body().setFee(9).build(), KEY).toByteArray();
    assertEquals(TxCode.FEE_TOO_LOW, decoder.decode(raw, priced).outcome().code());
    byte[] enough = TxSigning.sign(body().setFee(10).build(), KEY).toByteArray();
    assertTrue(decoder.decode(enough, priced).isOk());
  }
}
