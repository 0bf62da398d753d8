package io.poco.node.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/** Parses and prints RLC amounts exactly: "1.5RLC" or "1500000000" (nRLC). */
public final class Amounts {

  private static final BigDecimal NANO = BigDecimal.valueOf(1_000_000_000L);

  private Amounts() {}

  /** An amount in nRLC; a bare integer is nRLC, a number followed by RLC is whole tokens. */
  public static long parse(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT).replace("_", "");
    try {
      BigDecimal value;
      if (s.endsWith("nrlc")) {
        value = new BigDecimal(s.substring(0, s.length() - 4));
      } else if (s.endsWith("rlc")) {
        value = new BigDecimal(s.substring(0, s.length() - 3)).multiply(NANO);
      } else {
        value = new BigDecimal(s);
      }
      BigInteger exact = value.toBigIntegerExact();
      if (exact.signum() < 0) {
        throw new UsageException("amount must not be negative: " + text);
      }
      return exact.longValueExact();
    } catch (NumberFormatException e) {
      throw new UsageException(
          "cannot read amount '" + text + "': use nRLC (e.g. 1500000000) or RLC (e.g. 1.5RLC)");
    } catch (ArithmeticException e) {
      throw new UsageException(
          "amount '" + text + "' is not a whole number of nRLC or exceeds 2^63-1 nRLC");
    }
  }

  /** "1.5 RLC" style, exact. */
  public static String format(long nrlc) {
    return new BigDecimal(nrlc).divide(NANO).stripTrailingZeros().toPlainString() + " RLC";
  }
}
