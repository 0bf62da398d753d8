package io.poco.bridge;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.datatypes.Address;

/**
 * {@code PocoBridge.Valset}: a validator set as the contract sees it, validator {@code i} with
 * power {@code powers.get(i)}. The contract stores only {@link #hash()}.
 */
public record Valset(BigInteger nonce, List<Address> validators, List<BigInteger> powers) {
  /** Copies the lists; they must have the same length. */
  public Valset {
    validators = List.copyOf(validators);
    powers = List.copyOf(powers);
    if (validators.size() != powers.size()) {
      throw new IllegalArgumentException(
          "validators and powers differ in length: " + validators.size() + " vs " + powers.size());
    }
    if (nonce.signum() < 0 || powers.stream().anyMatch(p -> p.signum() < 0)) {
      throw new IllegalArgumentException("nonce and powers are unsigned");
    }
  }

  /** The number of validators. */
  public int size() {
    return validators.size();
  }

  /** The sum of the powers. */
  public BigInteger totalPower() {
    return powers.stream().reduce(BigInteger.ZERO, BigInteger::add);
  }

  /** {@code keccak256(abi.encode(valset))}, the value {@code PocoBridge.valsetHash()} holds. */
  public Bytes32 hash() {
    return Keccak.hash(BridgeAbi.encodeValset(this));
  }
}
