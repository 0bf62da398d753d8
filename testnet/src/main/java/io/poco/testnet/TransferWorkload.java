package io.poco.testnet;

import io.poco.core.crypto.Address;
import io.poco.core.tx.TxSigning;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgSend;
import io.poco.proto.v1.TxBody;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Transfers: lane {@code i} is test account {@code first + i}, sending 1 000 nRLC to the next
 * lane's account, with its own nonce sequence. Lanes are spread over the nodes.
 */
public final class TransferWorkload {

  /** Amount of each transfer, nRLC. */
  public static final long AMOUNT = 1_000;

  private TransferWorkload() {}

  public static List<TransferLane> lanes(String chainId, int first, int count, int nodes) {
    List<TransferLane> lanes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lanes.add(
          new TransferLane(
              chainId,
              TestAccounts.key(first + i),
              TestAccounts.address(first + (i + 1) % count),
              i % nodes));
    }
    return lanes;
  }

  /** One sender's transfers. */
  public static final class TransferLane implements Lane {
    private final String chainId;
    private final BigInteger key;
    private final Address from;
    private final Address to;
    private final int node;
    private long nonce;
    private long committed;
    private long sent;

    TransferLane(String chainId, BigInteger key, Address to, int node) {
      this.chainId = chainId;
      this.key = key;
      this.from = io.poco.core.crypto.Secp256k1.address(key);
      this.to = to;
      this.node = node;
    }

    public Address sender() {
      return from;
    }

    /** Transactions of this lane seen committed. */
    public synchronized long committedCount() {
      return committed;
    }

    /** Transfers committed with code 0, so the amount that left this account. */
    public synchronized long sentOk() {
      return sent;
    }

    @Override
    public int node() {
      return node;
    }

    @Override
    public synchronized Submission next() {
      TxBody body =
          TxBody.newBuilder()
              .setChainId(chainId)
              .setNonce(nonce++)
              .setSender(from.bytes())
              .addMessages(
                  Msg.newBuilder()
                      .setSend(MsgSend.newBuilder().setTo(to.bytes()).setAmount(AMOUNT)))
              .build();
      return new Submission(TxSigning.sign(body, key).toByteArray(), 0);
    }

    @Override
    public synchronized int committed(Submission s, Committed c) {
      committed++;
      if (c.ok()) {
        sent++;
      }
      return 0;
    }
  }
}
