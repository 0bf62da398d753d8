package io.poco.bridge.eth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.web3j.abi.datatypes.Address;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * One Ethereum account on one JSON-RPC endpoint: sends transactions signed locally (each is
 * simulated with {@code eth_call} first, so a revert comes back as a value with the contract's
 * custom error name and nothing is sent), makes calls and reads logs. I/O failures are thrown as
 * {@link UncheckedIOException}.
 */
public final class EthClient implements AutoCloseable {
  private static final long RECEIPT_POLL_MILLIS = 50;
  private static final int RECEIPT_POLL_ATTEMPTS = 600;

  private final Web3j web3j;
  private final Credentials credentials;
  private final long chainId;
  private final RawTransactionManager txManager;
  private final PollingTransactionReceiptProcessor receipts;
  private final Map<String, String> errorNames = new ConcurrentHashMap<>();

  private EthClient(Web3j web3j, Credentials credentials, long chainId) {
    this.web3j = web3j;
    this.credentials = credentials;
    this.chainId = chainId;
    this.receipts =
        new PollingTransactionReceiptProcessor(web3j, RECEIPT_POLL_MILLIS, RECEIPT_POLL_ATTEMPTS);
    this.txManager = new RawTransactionManager(web3j, credentials, chainId, receipts);
  }

  /** Connects to {@code rpcUrl} as the account of {@code privateKeyHex}; asks the chain id. */
  public static EthClient connect(String rpcUrl, String privateKeyHex) {
    Web3j web3j = Web3j.build(new HttpService(rpcUrl));
    try {
      long chainId = web3j.ethChainId().send().getChainId().longValueExact();
      return new EthClient(web3j, Credentials.create(privateKeyHex), chainId);
    } catch (IOException e) {
      web3j.shutdown();
      throw new UncheckedIOException("cannot reach " + rpcUrl, e);
    }
  }

  /** The chain id of the endpoint. */
  public long chainId() {
    return chainId;
  }

  /** The address of this client's account. */
  public Address sender() {
    return new Address(credentials.getAddress());
  }

  /** The underlying web3j instance. */
  public Web3j web3j() {
    return web3j;
  }

  /** Learns the custom errors of {@code artifact}, to name them in refused outcomes. */
  public void learnErrors(ContractArtifact artifact) {
    errorNames.putAll(artifact.errorsBySelector());
  }

  /** Simulates, then sends a call of {@code to} with {@code data} and waits for its receipt. */
  public TxOutcome send(Address to, byte[] data) {
    return transact(to.getValue(), Numeric.toHexString(data));
  }

  /** Deploys {@code initCode} (bytecode and constructor arguments); fails if it reverts. */
  public Address deploy(byte[] initCode) {
    TxOutcome outcome = transact(null, Numeric.toHexString(initCode));
    if (!outcome.ok()) {
      throw new IllegalStateException(
          "deployment failed: " + outcome.error() + " " + outcome.message());
    }
    return new Address(outcome.receipt().getContractAddress());
  }

  private TxOutcome transact(String to, String data) {
    try {
      String from = credentials.getAddress();
      Transaction call =
          to == null
              ? Transaction.createContractTransaction(from, null, null, data)
              : Transaction.createEthCallTransaction(from, to, data);
      EthCall simulation = web3j.ethCall(call, DefaultBlockParameterName.LATEST).send();
      if (simulation.hasError()) {
        return refused(simulation.getError().getData(), simulation.getError().getMessage());
      }
      EthEstimateGas estimate = web3j.ethEstimateGas(call).send();
      if (estimate.hasError()) {
        return refused(estimate.getError().getData(), estimate.getError().getMessage());
      }
      BigInteger gasLimit =
          estimate.getAmountUsed().multiply(BigInteger.valueOf(6)).divide(BigInteger.valueOf(5));
      BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
      EthSendTransaction sent =
          txManager.sendTransaction(gasPrice, gasLimit, to, data, BigInteger.ZERO, to == null);
      if (sent.hasError()) {
        return refused(sent.getError().getData(), sent.getError().getMessage());
      }
      TransactionReceipt receipt = receipts.waitForTransactionReceipt(sent.getTransactionHash());
      return receipt.isStatusOK() ? TxOutcome.mined(receipt) : TxOutcome.reverted(receipt);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (TransactionException e) {
      throw new IllegalStateException("no receipt: " + e.getMessage(), e);
    }
  }

  private TxOutcome refused(String data, String message) {
    return TxOutcome.refused(errorName(data), message == null ? "" : message);
  }

  /** The custom error name for revert data {@code 0x<selector>...}, or "" if unknown. */
  String errorName(String data) {
    if (data == null) {
      return "";
    }
    String hex = data.replace("\"", "").toLowerCase(Locale.ROOT);
    if (hex.startsWith("0x")) {
      hex = hex.substring(2);
    }
    return hex.length() < 8 ? "" : errorNames.getOrDefault(hex.substring(0, 8), "");
  }

  /** The return data of {@code eth_call}; a revert here is unexpected and thrown. */
  public byte[] call(Address to, byte[] data) {
    try {
      EthCall result =
          web3j
              .ethCall(
                  Transaction.createEthCallTransaction(
                      credentials.getAddress(), to.getValue(), Numeric.toHexString(data)),
                  DefaultBlockParameterName.LATEST)
              .send();
      if (result.hasError()) {
        throw new IllegalStateException(
            "call reverted: "
                + errorName(result.getError().getData())
                + " "
                + result.getError().getMessage());
      }
      return Numeric.hexStringToByteArray(result.getValue());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The latest block number. */
  public long blockNumber() {
    try {
      return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The logs of {@code address} with first topic {@code topic0} in blocks [from, to]. */
  public List<Log> logs(Address address, String topic0, long fromBlock, long toBlock) {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
            DefaultBlockParameter.valueOf(BigInteger.valueOf(toBlock)),
            address.getValue());
    filter.addSingleTopic(topic0);
    try {
      EthLog result = web3j.ethGetLogs(filter).send();
      if (result.hasError()) {
        throw new IllegalStateException("eth_getLogs: " + result.getError().getMessage());
      }
      return result.getLogs().stream().map(r -> (Log) r.get()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    web3j.shutdown();
  }
}
