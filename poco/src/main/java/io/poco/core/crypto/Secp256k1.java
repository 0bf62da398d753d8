package io.poco.core.crypto;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9IntegerConverter;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * secp256k1 signing (RFC 6979 deterministic nonces, low-s) and public-key recovery over 32-byte
 * message hashes. Signing is BouncyCastle's; recovery is libsecp256k1's where it loads ({@link
 * LibSecp256k1}) and BouncyCastle's otherwise, with the same answers.
 */
public final class Secp256k1 {

  private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
  private static final ECDomainParameters CURVE =
      new ECDomainParameters(PARAMS.getCurve(), PARAMS.getG(), PARAMS.getN(), PARAMS.getH());

  /** The curve order n. */
  public static final BigInteger N = PARAMS.getN();

  /** n / 2: a signature's s must not exceed it. */
  public static final BigInteger HALF_N = N.shiftRight(1);

  private static final RecoveryCache RECOVERED = new RecoveryCache(RecoveryCache.CAPACITY);

  private Secp256k1() {}

  /** The 64-byte uncompressed public key (x ‖ y) of a private key. */
  public static byte[] publicKey(BigInteger privateKey) {
    checkPrivateKey(privateKey);
    ECPoint q = new FixedPointCombMultiplier().multiply(CURVE.getG(), privateKey).normalize();
    byte[] encoded = q.getEncoded(false);
    return Arrays.copyOfRange(encoded, 1, 65);
  }

  public static Address address(BigInteger privateKey) {
    return Address.fromPublicKey(publicKey(privateKey));
  }

  /** Signs a 32-byte hash; the result has s in the lower half and the matching recovery id. */
  public static Signature sign(BigInteger privateKey, byte[] hash32) {
    checkHash(hash32);
    checkPrivateKey(privateKey);
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(privateKey, CURVE));
    BigInteger[] rs = signer.generateSignature(hash32);
    BigInteger r = rs[0];
    BigInteger s = rs[1].compareTo(HALF_N) > 0 ? N.subtract(rs[1]) : rs[1];
    byte[] expected = publicKey(privateKey);
    for (int recId = 0; recId < 2; recId++) {
      Optional<byte[]> recovered = recoverPublicKey(hash32, new Signature(r, s, recId));
      if (recovered.isPresent() && Arrays.equals(recovered.get(), expected)) {
        return new Signature(r, s, recId);
      }
    }
    throw new IllegalStateException("no recovery id reproduces the signing key");
  }

  /** True when r and s are in range and s is in the lower half of the order. */
  public static boolean isCanonical(Signature sig) {
    return sig.r().signum() > 0
        && sig.r().compareTo(N) < 0
        && sig.s().signum() > 0
        && sig.s().compareTo(HALF_N) <= 0;
  }

  /**
   * Recovers the 64-byte public key that produced {@code sig} over {@code hash32} (SEC 1 §4.1.6),
   * or empty when the signature is not valid on the curve. Does not check low-s.
   */
  public static Optional<byte[]> recoverPublicKey(byte[] hash32, Signature sig) {
    checkHash(hash32);
    BigInteger r = sig.r();
    BigInteger s = sig.s();
    if (r.signum() <= 0 || r.compareTo(N) >= 0 || s.signum() <= 0 || s.compareTo(N) >= 0) {
      return Optional.empty();
    }
    byte[] key =
        LibSecp256k1.available() ? LibSecp256k1.recover(hash32, sig) : portable(hash32, sig);
    return Optional.ofNullable(key);
  }

  /**
   * Which implementation recovers public keys in this process, and why not libsecp256k1 when it is
   * not: for the node's start-up log and the benchmarks' reports.
   */
  public static String recoveryImplementation() {
    return LibSecp256k1.available()
        ? "libsecp256k1 (JNI)"
        : "BouncyCastle (libsecp256k1 not loaded: " + LibSecp256k1.problem() + ")";
  }

  /** BouncyCastle's recovery, r and s already checked to lie in [1, n); null when there is none. */
  static byte[] portable(byte[] hash32, Signature sig) {
    BigInteger r = sig.r();
    BigInteger s = sig.s();
    // secp256k1's cofactor is 1: every point on the curve has order N, so SEC 1's check that
    // N·R is infinity (a full scalar multiplication, as costly as the recovery itself) is implied
    // by decompress finding R on the curve.
    ECPoint rPoint = decompress(r, sig.recoveryId() == 1);
    if (rPoint == null) {
      return null;
    }
    BigInteger e = new BigInteger(1, hash32);
    BigInteger rInv = r.modInverse(N);
    BigInteger u1 = N.subtract(e).multiply(rInv).mod(N);
    BigInteger u2 = s.multiply(rInv).mod(N);
    ECPoint q = ECAlgorithms.sumOfTwoMultiplies(CURVE.getG(), u1, rPoint, u2).normalize();
    if (q.isInfinity()) {
      return null;
    }
    byte[] encoded = q.getEncoded(false);
    return Arrays.copyOfRange(encoded, 1, 65);
  }

  /**
   * The address of the signer, or empty when recovery fails. Answers repeated questions from a
   * bounded memo ({@link RecoveryCache}): a transaction is recovered in CheckTx and again in
   * FinalizeBlock.
   */
  public static Optional<Address> recoverAddress(byte[] hash32, Signature sig) {
    checkHash(hash32);
    if (!RecoveryCache.encodable(sig)) {
      return recoverPublicKey(hash32, sig).map(Address::fromPublicKey);
    }
    ByteBuffer key = RecoveryCache.key(hash32, sig);
    Optional<Address> known = RECOVERED.get(key);
    if (known != null) {
      return known;
    }
    Optional<Address> signer = recoverPublicKey(hash32, sig).map(Address::fromPublicKey);
    RECOVERED.put(key, signer);
    return signer;
  }

  private static ECPoint decompress(BigInteger x, boolean yOdd) {
    X9IntegerConverter converter = new X9IntegerConverter();
    byte[] compressed = converter.integerToBytes(x, 1 + converter.getByteLength(CURVE.getCurve()));
    compressed[0] = (byte) (yOdd ? 0x03 : 0x02);
    try {
      return CURVE.getCurve().decodePoint(compressed);
    } catch (IllegalArgumentException notOnCurve) {
      return null;
    }
  }

  private static void checkHash(byte[] hash32) {
    if (hash32.length != 32) {
      throw new IllegalArgumentException("expected a 32-byte hash, got " + hash32.length);
    }
  }

  private static void checkPrivateKey(BigInteger privateKey) {
    if (privateKey.signum() <= 0 || privateKey.compareTo(N) >= 0) {
      throw new IllegalArgumentException("private key out of range");
    }
  }
}
