package io.poco.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AmountsTest {

  @Test
  void parsesNanoAndWholeRlcExactly() {
    assertEquals(1_500_000_000L, Amounts.parse("1.5RLC"));
    assertEquals(1_500_000_000L, Amounts.parse("1500000000"));
    assertEquals(1L, Amounts.parse("0.000000001rlc"));
    assertEquals(7L, Amounts.parse("7nRLC"));
    assertEquals("1.5 RLC", Amounts.format(1_500_000_000L));
  }

  @Test
  void refusesWhatIsNotAWholeNumberOfNrlc() {
    assertThrows(UsageException.class, () -> Amounts.parse("0.0000000001RLC"));
    assertThrows(UsageException.class, () -> Amounts.parse("-1"));
    assertThrows(UsageException.class, () -> Amounts.parse("lots"));
    assertThrows(UsageException.class, () -> Amounts.parse("10000000000RLC"));
  }
}
