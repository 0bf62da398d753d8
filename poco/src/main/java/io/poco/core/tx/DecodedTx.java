package io.poco.core.tx;

import io.poco.core.crypto.Address;
import io.poco.proto.v1.Tx;
import io.poco.proto.v1.TxBody;

/** A transaction that passed every stateless check: its signature recovers to {@code sender}. */
public record DecodedTx(Tx tx, TxBody body, Address sender, int sizeBytes) {}
