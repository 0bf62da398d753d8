package io.poco.bridge;

import java.math.BigInteger;
import org.web3j.abi.datatypes.Address;

/**
 * A {@code Deposit(nonce, from, recipient, amount)} event of {@code PocoBridge}, with where it was
 * found on Ethereum.
 */
public record DepositEvent(
    BigInteger nonce,
    Address from,
    Address recipient,
    BigInteger amount,
    long blockNumber,
    String transactionHash) {}
