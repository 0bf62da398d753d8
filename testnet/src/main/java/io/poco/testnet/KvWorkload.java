package io.poco.testnet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Transactions for CometBFT's {@code kvstore} example: {@code key=value} of a fixed size (the size
 * of a contribution batch in the benchmark), each unique.
 */
public final class KvWorkload {

  private KvWorkload() {}

  public static List<Lane> lanes(int count, int txSize, int nodes) {
    List<Lane> lanes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int lane = i;
      lanes.add(
          new Lane() {
            private long seq;

            @Override
            public int node() {
              return lane % nodes;
            }

            @Override
            public synchronized Submission next() {
              String key = "l" + lane + "s" + seq++;
              StringBuilder tx = new StringBuilder(key).append('=');
              while (tx.length() < txSize) {
                tx.append((char) ('a' + tx.length() % 26));
              }
              return new Submission(tx.toString().getBytes(StandardCharsets.US_ASCII), 0);
            }

            @Override
            public int committed(Submission s, Committed c) {
              return 0;
            }
          });
    }
    return lanes;
  }
}
