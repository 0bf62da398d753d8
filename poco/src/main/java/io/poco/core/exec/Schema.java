package io.poco.core.exec;

import com.google.protobuf.ByteString;
import io.poco.proto.v1.Account;
import io.poco.proto.v1.ChainParams;
import io.poco.proto.v1.Supply;
import io.poco.state.Codecs;
import io.poco.state.Column;

/**
 * Every column of the chain's state, with its one-byte prefix. Prefixes are part of the app hash:
 * never renumber one.
 */
public final class Schema {

  private Schema() {}

  /** The single key of singleton columns. */
  public static final ByteString SINGLETON = ByteString.EMPTY;

  /** 20-byte address → account. */
  public static final Column<ByteString, Account> ACCOUNTS =
      Column.of(0x01, Codecs.BYTES, Codecs.proto(Account.parser()));

  /** The chain parameters. */
  public static final Column<ByteString, ChainParams> PARAMS =
      Column.of(0x02, Codecs.BYTES, Codecs.proto(ChainParams.parser()));

  /** Supply totals. */
  public static final Column<ByteString, Supply> SUPPLY =
      Column.of(0x03, Codecs.BYTES, Codecs.proto(Supply.parser()));
}
