package io.poco.bridge;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.web3j.abi.datatypes.Address;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Signs checkpoint digests with secp256k1 keys, in the form the contract accepts: {@code v} = 27 or
 * 28 and {@code s} in the lower half of the group order.
 */
public final class CheckpointSigner {
  /** secp256k1n / 2: the largest {@code s} the contract accepts. */
  public static final BigInteger HALF_ORDER =
      new BigInteger("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0", 16);

  private CheckpointSigner() {}

  /** The Ethereum address of {@code key}. */
  public static Address address(ECKeyPair key) {
    return new Address("0x" + Keys.getAddress(key));
  }

  /** Signs {@code digest} (already hashed: no prefix is added). */
  public static Signature sign(ECKeyPair key, Bytes32 digest) {
    Sign.SignatureData sig = Sign.signMessage(digest.toArray(), key, false);
    Bytes32 s = Bytes32.of(sig.getS());
    if (new BigInteger(1, sig.getS()).compareTo(HALF_ORDER) > 0) {
      throw new IllegalStateException("signer produced a high-s signature");
    }
    return new Signature(sig.getV()[0] & 0xff, Bytes32.of(sig.getR()), s);
  }

  /**
   * One signature per validator of {@code set}, in its order: the signature of the validators whose
   * key is in {@code keys}, {@link Signature#EMPTY} for the others.
   */
  public static List<Signature> signAll(Valset set, Map<Address, ECKeyPair> keys, Bytes32 digest) {
    List<Signature> sigs = new ArrayList<>(set.size());
    for (Address validator : set.validators()) {
      ECKeyPair key = keys.get(validator);
      sigs.add(key == null ? Signature.EMPTY : sign(key, digest));
    }
    return sigs;
  }

  /** Whether {@code signed} power is strictly more than two thirds of {@code total}. */
  public static boolean isSupermajority(BigInteger signed, BigInteger total) {
    return signed.multiply(BigInteger.valueOf(3)).compareTo(total.multiply(BigInteger.TWO)) > 0;
  }
}
