package io.poco.node.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Hosts the node's gRPC services, with server reflection, on one address. */
public final class GrpcServer implements AutoCloseable {

  private final Server server;

  public GrpcServer(InetSocketAddress address, List<BindableService> services) {
    NettyServerBuilder b = NettyServerBuilder.forAddress(address);
    services.forEach(b::addService);
    b.addService(ProtoReflectionServiceV1.newInstance());
    this.server = b.build();
  }

  public GrpcServer start() throws IOException {
    server.start();
    return this;
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
