package io.poco.core.task;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Keccak;

/**
 * How a contribution commits to a result digest before revealing it (poco.md §3): {@code resultHash
 * = keccak256(taskId ‖ digest)} is the vote, {@code resultSeal = keccak256(worker ‖ taskId ‖
 * digest)} binds it to the worker so nobody can copy another's vote.
 */
public final class ResultBinding {

  private ResultBinding() {}

  public static ByteString resultHash(ByteString taskId, ByteString digest) {
    return Keccak.hash(taskId, digest);
  }

  public static ByteString resultSeal(Address worker, ByteString taskId, ByteString digest) {
    return Keccak.hash(worker.bytes(), taskId, digest);
  }
}
