package io.poco.testnet;

import java.util.List;

/**
 * What a node reports for one committed height: the block's hash, the app hash in its header (the
 * state after the previous height) and the hashes (upper-case hex SHA-256) of its transactions.
 */
public record BlockRecord(long height, String blockHash, String appHash, List<String> txHashes) {}
