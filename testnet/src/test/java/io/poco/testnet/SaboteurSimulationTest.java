package io.poco.testnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The saboteur simulation on a small scale where saboteurs do win (trust 4, every task checked):
 * every wrong result is found and reversed before its window ends, only saboteurs are caught, every
 * caught saboteur's window is backtracked, and a second run gives the same figures.
 */
class SaboteurSimulationTest {

  @Test
  void everyCheckedWrongResultIsReversedAndTheRunIsDeterministic() throws Exception {
    SaboteurSimulation.Settings s = new SaboteurSimulation.Settings(200, 4, 20, 1_000_000, 100, 10);
    SaboteurSimulation.Result r = new SaboteurSimulation(s).run();
    assertTrue(r.wrongCompleted() > 0, "trust 4 lets colluders win sometimes: " + r);
    assertEquals(r.wrongCompleted(), r.frauds(), "every wrong result is found: " + r);
    assertEquals(0, r.wrongSettled(), r.toString());
    assertTrue(r.saboteursCaught() > 0, r.toString());
    assertEquals(0, r.honestCaught(), r.toString());
    assertTrue(r.backtrackingComplete(), r.toString());
    assertEquals(200, r.completed() + r.unresolved());
    assertEquals(r, new SaboteurSimulation(s).run(), "the simulation is deterministic");
  }
}
