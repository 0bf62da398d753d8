package io.poco.node.cli;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/** {@code --node host:port}: the gRPC endpoint of a node. */
public final class NodeOption {

  @Option(
      names = "--node",
      paramLabel = "HOST:PORT",
      defaultValue = "127.0.0.1:9090",
      description = "gRPC address of the node (default: ${DEFAULT-VALUE}).")
  String node;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "Deadline of each call to the node, in seconds (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  public ManagedChannel channel() {
    return ManagedChannelBuilder.forTarget(node).usePlaintext().build();
  }

  public long timeoutSeconds() {
    return timeoutSeconds;
  }

  public static void close(ManagedChannel channel) {
    channel.shutdownNow();
    try {
      channel.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
