package io.poco.consensus.abci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poco.proto.abci.Request;
import io.poco.proto.abci.RequestCheckTx;
import io.poco.proto.abci.RequestEcho;
import io.poco.proto.abci.RequestFlush;
import io.poco.proto.abci.RequestInfo;
import io.poco.proto.abci.Response;
import io.poco.proto.abci.ResponseCheckTx;
import io.poco.proto.abci.ResponseInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The socket server with a real TCP client: ordering, flushing, bad frames, failures. */
class AbciServerTest {

  private final AtomicInteger infos = new AtomicInteger();
  private AbciServer server;

  @BeforeEach
  void start() throws IOException {
    AbciApplication app =
        new AbciApplication() {
          @Override
          public ResponseInfo info(RequestInfo request) {
            return ResponseInfo.newBuilder().setLastBlockHeight(infos.incrementAndGet()).build();
          }

          @Override
          public ResponseCheckTx checkTx(RequestCheckTx request) {
            if (request.getTx().toStringUtf8().equals("boom")) {
              throw new IllegalStateException("application failure");
            }
            return ResponseCheckTx.newBuilder().setLog(request.getTx().toStringUtf8()).build();
          }
        };
    server = new AbciServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), app);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Socket connect() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
    s.setSoTimeout(10_000);
    return s;
  }

  private static Request check(String tx) {
    return Request.newBuilder()
        .setCheckTx(
            RequestCheckTx.newBuilder().setTx(com.google.protobuf.ByteString.copyFromUtf8(tx)))
        .build();
  }

  private static final Request FLUSH =
      Request.newBuilder().setFlush(RequestFlush.getDefaultInstance()).build();

  @Test
  void pipelinedRequestsAreAnsweredInOrderAfterFlush() throws IOException {
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      for (int i = 0; i < 50; i++) {
        check("tx" + i).writeDelimitedTo(out);
      }
      FLUSH.writeDelimitedTo(out);
      out.flush();
      for (int i = 0; i < 50; i++) {
        assertEquals("tx" + i, Response.parseDelimitedFrom(in).getCheckTx().getLog());
      }
      assertTrue(Response.parseDelimitedFrom(in).hasFlush());
    }
  }

  @Test
  void malformedBodiesAndUnknownTypesGetExceptionsAndTheConnectionGoesOn() throws IOException {
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(new byte[] {3, (byte) 0xff, (byte) 0xff, (byte) 0xff});
      out.flush();
      assertTrue(Response.parseDelimitedFrom(in).getException().getError().contains("malformed"));
      // field 99 (unknown to Request): a valid protobuf with no known type
      out.write(new byte[] {3, (byte) 0x98, 0x06, 0x01});
      FLUSH.writeDelimitedTo(out);
      out.flush();
      assertTrue(Response.parseDelimitedFrom(in).hasException());
      assertTrue(Response.parseDelimitedFrom(in).hasFlush());
      check("boom").writeDelimitedTo(out);
      FLUSH.writeDelimitedTo(out);
      out.flush();
      assertTrue(
          Response.parseDelimitedFrom(in)
              .getException()
              .getError()
              .contains("application failure"));
      assertTrue(Response.parseDelimitedFrom(in).hasFlush());
      Request.newBuilder()
          .setEcho(RequestEcho.newBuilder().setMessage("still here"))
          .build()
          .writeDelimitedTo(out);
      FLUSH.writeDelimitedTo(out);
      out.flush();
      assertEquals("still here", Response.parseDelimitedFrom(in).getEcho().getMessage());
    }
  }

  @Test
  void anOversizeFrameGetsAnExceptionAndTheConnectionIsClosed() throws IOException {
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      // varint of 2^30
      out.write(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04});
      out.flush();
      assertTrue(
          Response.parseDelimitedFrom(s.getInputStream())
              .getException()
              .getError()
              .contains("exceeds"));
      assertEquals(-1, s.getInputStream().read());
    }
  }

  @Test
  void concurrentConnectionsAndReconnectsAreServed() throws Exception {
    Socket half = connect();
    half.getOutputStream().write(new byte[] {10, 1, 2});
    half.close();
    for (int round = 0; round < 3; round++) {
      try (Socket a = connect();
          Socket b = connect()) {
        Request info = Request.newBuilder().setInfo(RequestInfo.getDefaultInstance()).build();
        info.writeDelimitedTo(a.getOutputStream());
        FLUSH.writeDelimitedTo(a.getOutputStream());
        check("on b").writeDelimitedTo(b.getOutputStream());
        FLUSH.writeDelimitedTo(b.getOutputStream());
        assertEquals("on b", Response.parseDelimitedFrom(b.getInputStream()).getCheckTx().getLog());
        assertTrue(
            Response.parseDelimitedFrom(a.getInputStream()).getInfo().getLastBlockHeight() > 0);
      }
    }
  }
}
