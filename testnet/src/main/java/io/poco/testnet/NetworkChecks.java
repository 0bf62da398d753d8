package io.poco.testnet;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.poco.core.crypto.Address;
import io.poco.proto.v1.Account;
import io.poco.proto.v1.AccountRequest;
import io.poco.proto.v1.QueryServiceGrpc;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Checks made after a scenario: what a user would verify on every node. */
public final class NetworkChecks {

  private NetworkChecks() {}

  /**
   * Every acknowledged transaction is in the block at its height on every node (so none was lost by
   * a crash or a restart).
   */
  public static void assertAcknowledgedEverywhere(LocalNetwork net, Collection<Committed> acked)
      throws IOException {
    for (LocalNode n : net.nodes()) {
      for (Committed c : acked) {
        if (n.height() < c.height()) {
          throw new AssertionError("node" + n.index() + " is below height " + c.height());
        }
        if (!net.block(n.index(), c.height()).txHashes().contains(c.hash())) {
          throw new AssertionError(
              "node" + n.index() + " lacks acknowledged tx " + c.hash() + " at " + c.height());
        }
      }
    }
  }

  /**
   * The state every pocod node answers for the transfer lanes: each sender's nonce equals the
   * number of its transactions seen committed (none applied twice, none lost), and each balance is
   * the genesis balance minus what it sent plus what the previous lane sent it.
   */
  public static void assertTransferState(
      LocalNetwork net, List<TransferWorkload.TransferLane> lanes) {
    for (LocalNode n : net.nodes()) {
      ManagedChannel channel =
          ManagedChannelBuilder.forTarget(n.grpcTarget()).usePlaintext().build();
      try {
        var query = QueryServiceGrpc.newBlockingStub(channel);
        for (int i = 0; i < lanes.size(); i++) {
          TransferWorkload.TransferLane lane = lanes.get(i);
          TransferWorkload.TransferLane previous = lanes.get((i + lanes.size() - 1) % lanes.size());
          Account a = account(query, lane.sender());
          if (a.getNonce() != lane.committedCount()) {
            throw new AssertionError(
                "node"
                    + n.index()
                    + ": "
                    + lane.sender()
                    + " nonce "
                    + a.getNonce()
                    + " but "
                    + lane.committedCount()
                    + " of its transactions were seen committed");
          }
          long expected =
              TestAccounts.BALANCE
                  - TransferWorkload.AMOUNT * lane.sentOk()
                  + TransferWorkload.AMOUNT * previous.sentOk();
          if (a.getBalance() != expected) {
            throw new AssertionError(
                "node"
                    + n.index()
                    + ": "
                    + lane.sender()
                    + " balance "
                    + a.getBalance()
                    + ", expected "
                    + expected);
          }
        }
      } finally {
        channel.shutdownNow();
      }
    }
  }

  private static Account account(QueryServiceGrpc.QueryServiceBlockingStub query, Address a) {
    return query
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .account(AccountRequest.newBuilder().setAddress(a.bytes()).build())
        .getAccount();
  }
}
