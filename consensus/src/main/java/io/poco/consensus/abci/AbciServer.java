package io.poco.consensus.abci;

import com.google.protobuf.InvalidProtocolBufferException;
import io.poco.proto.abci.Request;
import io.poco.proto.abci.Response;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves an {@link AbciApplication} over TCP with CometBFT's socket protocol: every message is a
 * protobuf prefixed by its length as an unsigned varint. Each connection (CometBFT opens four and
 * reconnects after restarts) gets its own thread; responses go out in request order and the socket
 * is flushed when a {@code Flush} request arrives. A frame that does not parse gets a {@code
 * ResponseException} and the connection goes on; a broken length prefix or an oversize frame gets
 * one too, and the connection is closed since the stream can no longer be followed.
 */
public final class AbciServer implements AutoCloseable {

  /** Largest accepted frame: a block of transactions fits comfortably. */
  public static final int MAX_FRAME_BYTES = 128 * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(AbciServer.class);

  private final InetSocketAddress address;
  private final RequestDispatcher dispatcher;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private ServerSocket server;
  private Thread acceptor;
  private volatile boolean closed;

  public AbciServer(InetSocketAddress address, AbciApplication app) {
    this.address = address;
    this.dispatcher = new RequestDispatcher(app);
  }

  /** Binds and starts accepting; returns once listening. */
  public void start() throws IOException {
    server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(address, 16);
    acceptor = Thread.ofPlatform().daemon().name("abci-accept").start(this::acceptLoop);
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        connections.add(socket);
        LOG.info("ABCI connection from {}", socket.getRemoteSocketAddress());
        Thread.ofVirtual().name("abci-conn").start(() -> serve(socket));
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("ABCI accept failed: {}", e.getMessage());
        }
      }
    }
  }

  private void serve(Socket socket) {
    try (socket;
        InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024)) {
      while (!closed) {
        long length;
        try {
          length = readLength(in);
        } catch (EOFException end) {
          return;
        } catch (FrameException e) {
          LOG.warn("ABCI: {}; closing the connection", e.getMessage());
          write(out, RequestDispatcher.exception(e.getMessage()));
          out.flush();
          return;
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
          return;
        }
        Response response;
        Request request = null;
        try {
          request = Request.parseFrom(body);
          response = dispatcher.dispatch(request);
        } catch (InvalidProtocolBufferException e) {
          LOG.warn("ABCI: malformed request of {} bytes: {}", length, e.getMessage());
          response = RequestDispatcher.exception("malformed request: " + e.getMessage());
        }
        write(out, response);
        if (request == null
            || request.getValueCase() == Request.ValueCase.FLUSH
            || response.hasException()) {
          out.flush();
        }
      }
    } catch (SocketException e) {
      if (!closed) {
        LOG.info("ABCI connection closed: {}", e.getMessage());
      }
    } catch (IOException e) {
      LOG.warn("ABCI connection failed: {}", e.toString());
    } finally {
      connections.remove(socket);
    }
  }

  private static void write(OutputStream out, Response response) throws IOException {
    response.writeDelimitedTo(out);
  }

  /** Reads an unsigned varint length; EOF before its first byte is a clean end. */
  static long readLength(InputStream in) throws IOException, FrameException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.read();
      if (b < 0) {
        if (shift == 0) {
          throw new EOFException();
        }
        throw new FrameException("connection ended inside a length prefix");
      }
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        if (value > MAX_FRAME_BYTES) {
          throw new FrameException(
              "frame of " + value + " bytes exceeds the limit of " + MAX_FRAME_BYTES);
        }
        return value;
      }
      if (shift >= 28 && value > MAX_FRAME_BYTES) {
        throw new FrameException("frame length exceeds the limit of " + MAX_FRAME_BYTES);
      }
    }
    throw new FrameException("malformed length prefix (varint longer than 10 bytes)");
  }

  @Override
  public void close() {
    closed = true;
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : connections) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    if (acceptor != null) {
      try {
        acceptor.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A length prefix that cannot be followed. */
  static final class FrameException extends Exception {
    private static final long serialVersionUID = 1L;

    FrameException(String message) {
      super(message);
    }
  }
}
