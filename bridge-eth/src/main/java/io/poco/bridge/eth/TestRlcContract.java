package io.poco.bridge.eth;

import io.poco.bridge.BridgeAbi;
import java.math.BigInteger;
import org.web3j.abi.datatypes.Address;

/** A deployed {@code TestRLC} (ERC-20, 9 decimals, open mint), used through one account. */
public final class TestRlcContract {
  private final EthClient eth;
  private final Address address;
  private final ContractArtifact artifact;

  private TestRlcContract(EthClient eth, Address address, ContractArtifact artifact) {
    eth.learnErrors(artifact);
    this.eth = eth;
    this.address = address;
    this.artifact = artifact;
  }

  /** Deploys a new token. */
  public static TestRlcContract deploy(EthClient eth, ContractArtifact artifact) {
    eth.learnErrors(artifact);
    return new TestRlcContract(eth, eth.deploy(artifact.bytecode()), artifact);
  }

  /** The token at {@code address}. */
  public static TestRlcContract at(EthClient eth, Address address, ContractArtifact artifact) {
    return new TestRlcContract(eth, address, artifact);
  }

  /** The same token used through another account. */
  public TestRlcContract as(EthClient other) {
    return new TestRlcContract(other, address, artifact);
  }

  /** The token's address. */
  public Address address() {
    return address;
  }

  /** {@code mint(to, amount)} (test token only). */
  public TxOutcome mint(Address to, BigInteger amount) {
    return eth.send(address, BridgeAbi.call("mint(address,uint256)", to, amount));
  }

  /** {@code approve(spender, amount)}. */
  public TxOutcome approve(Address spender, BigInteger amount) {
    return eth.send(address, BridgeAbi.call("approve(address,uint256)", spender, amount));
  }

  /** {@code balanceOf(owner)}. */
  public BigInteger balanceOf(Address owner) {
    return PocoBridgeContract.uint(
        eth.call(address, BridgeAbi.call("balanceOf(address)", owner)), 0);
  }

  /** {@code decimals()}. */
  public int decimals() {
    return PocoBridgeContract.uint(eth.call(address, BridgeAbi.call("decimals()")), 0)
        .intValueExact();
  }
}
