package io.poco.bridge;

import java.math.BigInteger;
import org.web3j.abi.datatypes.Address;

/** {@code PocoBridge.Withdrawal}: pay {@code amount} (nRLC) to {@code recipient}, once per id. */
public record Withdrawal(BigInteger id, Address recipient, BigInteger amount) {
  /** Id and amount are unsigned. */
  public Withdrawal {
    if (id.signum() < 0 || amount.signum() < 0) {
      throw new IllegalArgumentException("id and amount are unsigned");
    }
  }

  /**
   * The leaf of the withdrawal tree, as the contract computes it: {@code
   * keccak256(bytes.concat(keccak256(abi.encode(id, recipient, amount))))}.
   */
  public Bytes32 leaf() {
    byte[] encoded = new AbiWriter().uint(id).address(recipient).uint(amount).toByteArray();
    return Keccak.hash(Keccak.hash(encoded).toArray());
  }
}
