package io.poco.testnet;

import io.poco.core.crypto.Address;
import io.poco.core.crypto.Secp256k1;
import java.math.BigInteger;

/**
 * The funded accounts of a {@link LocalNetwork}: private keys derived from their index, so a
 * workload and a test agree on them without a key store. Test networks only.
 */
public final class TestAccounts {

  /** Genesis balance of each test account: 1 000 000 RLC. */
  public static final long BALANCE = 1_000_000L * 1_000_000_000L;

  /** Stake of each genesis validator: 10 000 RLC (power 10 000). */
  public static final long VALIDATOR_STAKE = 10_000L * 1_000_000_000L;

  private static final BigInteger BASE = BigInteger.valueOf(0x5eed_0000L);
  private static final BigInteger VALIDATOR_BASE = BigInteger.valueOf(0x7a1d_0000L);

  private TestAccounts() {}

  public static BigInteger key(int i) {
    return BASE.add(BigInteger.valueOf(i));
  }

  public static Address address(int i) {
    return Secp256k1.address(key(i));
  }

  /** The operator key of validator {@code i} (funded like the test accounts). */
  public static BigInteger validatorKey(int i) {
    return VALIDATOR_BASE.add(BigInteger.valueOf(i));
  }

  public static Address validatorAddress(int i) {
    return Secp256k1.address(validatorKey(i));
  }
}
