package io.poco.core.staking;

import static io.poco.core.staking.StakingChain.RLC;
import static io.poco.core.staking.StakingChain.consensusAddress;
import static io.poco.core.staking.StakingChain.pubkey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.poco.core.exec.ChainEvent;
import io.poco.core.exec.ExecutionResult;
import io.poco.core.exec.Genesis;
import io.poco.core.tx.TxCode;
import io.poco.core.tx.TxDecoder;
import io.poco.proto.v1.GenesisState;
import io.poco.proto.v1.GenesisValidator;
import io.poco.proto.v1.UnbondingEntry;
import io.poco.proto.v1.Validator;
import io.poco.state.InMemoryVersionedStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StakingTest {

  private static final long DAY = 86_400L;

  private static void ok(ExecutionResult r) {
    assertEquals(TxCode.OK, r.outcome().code(), r.outcome().log());
  }

  private static void refused(TxCode code, ExecutionResult r) {
    assertEquals(code, r.outcome().code(), r.outcome().log());
    assertFalse(r.outcome().log().isBlank());
  }

  @Test
  void genesisValidatorsFormTheFirstSetWithPowerInWholeRlc() {
    StakingChain chain =
        new StakingChain(StakingChain.params(), 3, 1000 * RLC, 100 * RLC, 250 * RLC + 999);
    chain.blocks(2);
    assertEquals(Map.of(consensusAddress(0), 100L, consensusAddress(1), 250L), chain.cometSet(1));
    assertEquals(100 * RLC, chain.validator(0).getBonded());
    assertEquals(250L, chain.validator(1).getPowerInSet());
  }

  @Test
  void aNewValidatorJoinsTwoHeightsLaterAndLeavesWhenFullyUnbonded() {
    StakingChain chain =
        new StakingChain(StakingChain.params(), 4, 1000 * RLC, 100 * RLC, 100 * RLC, 100 * RLC);
    chain.block(1); // height 1
    ok(
        chain
            .block(
                1, chain.tx(3, 0, StakingMsgs.create(pubkey(3), chain.operator(3), "v3", 50 * RLC)))
            .get(0));
    assertEquals(950 * RLC, chain.account(3).getBalance());
    assertFalse(chain.cometSet(3).containsKey(consensusAddress(3)));
    assertEquals(50L, chain.cometSet(4).get(consensusAddress(3)));
    ChainEvent update = chain.events("validator_update").get(0);
    assertTrue(
        update.attributes().toString().contains("effective_height, value=4"), update.toString());
    chain.blocks(3);

    // Partial, then full unbonding: power follows, the last unbond removes it (power 0).
    ok(chain.block(1, chain.tx(3, 0, StakingMsgs.unbond(20 * RLC))).get(0));
    long h = chain.height();
    assertEquals(30L, chain.cometSet(h + 2).get(consensusAddress(3)));
    ok(chain.block(1, chain.tx(3, 0, StakingMsgs.unbond(30 * RLC))).get(0));
    h = chain.height();
    assertTrue(chain.cometSet(h + 1).containsKey(consensusAddress(3)));
    assertFalse(chain.cometSet(h + 2).containsKey(consensusAddress(3)));
    List<UnbondingEntry> entries =
        StakingKeeper.unbonding(chain.store().latest(), chain.operator(3));
    assertEquals(2, entries.size());
    assertEquals(950 * RLC, chain.account(3).getBalance(), "unbonding stake is not spendable");

    // Too much, or a validator that is not there.
    refused(
        TxCode.INSUFFICIENT_STAKE,
        chain.block(1, chain.tx(0, 0, StakingMsgs.unbond(101 * RLC))).get(0));

    // 21 days later both entries mature and the balance is whole again.
    chain.block(21 * DAY);
    assertEquals(1000 * RLC, chain.account(3).getBalance());
    assertTrue(StakingKeeper.unbonding(chain.store().latest(), chain.operator(3)).isEmpty());
    assertEquals(2, chain.events("unbonding_complete").size());
  }

  @Test
  void everyRefusalHasItsCode() {
    StakingChain chain = new StakingChain(StakingChain.params(), 5, 1000 * RLC, 100 * RLC);
    chain.block(1);
    ok(chain.block(1, chain.tx(1, 0, create(chain, 1, "v1", 10 * RLC))).get(0));
    ByteString shortKey = ByteString.copyFrom(new byte[31]);
    List<ExecutionResult> r =
        chain.block(
            1,
            chain.tx(1, 0, StakingMsgs.create(pubkey(9), chain.operator(1), "again", RLC)),
            chain.tx(2, 0, StakingMsgs.create(pubkey(0), chain.operator(2), "thief", RLC)),
            chain.tx(2, 0, create(chain, 2, "poor", RLC - 1)),
            chain.tx(2, 0, create(chain, 2, "v2", 2000 * RLC)),
            chain.tx(3, 0, StakingMsgs.stake(RLC)),
            chain.tx(3, 0, StakingMsgs.unjail()),
            chain.tx(1, 0, StakingMsgs.unjail()),
            // Refused by the message checks, before the nonce: no nonce used.
            chain.tx(2, 0, StakingMsgs.create(shortKey, chain.operator(2), "k", RLC)),
            chain.tx(4, 0, create(chain, 4, "", RLC)),
            chain.tx(1, 0, StakingMsgs.edit("", ByteString.EMPTY)),
            chain.tx(3, 0, StakingMsgs.edit("", ByteString.copyFrom(new byte[20]))),
            chain.tx(0, 0, StakingMsgs.stake(0)));
    List<TxCode> expected =
        List.of(
            TxCode.VALIDATOR_EXISTS,
            TxCode.CONSENSUS_KEY_IN_USE,
            TxCode.SELF_STAKE_TOO_LOW,
            TxCode.INSUFFICIENT_FUNDS,
            TxCode.UNKNOWN_VALIDATOR,
            TxCode.UNKNOWN_VALIDATOR,
            TxCode.VALIDATOR_NOT_JAILED,
            TxCode.INVALID_CONSENSUS_KEY,
            TxCode.INVALID_MONIKER,
            TxCode.NOTHING_TO_EDIT,
            TxCode.INVALID_BRIDGE_ADDRESS,
            TxCode.INVALID_AMOUNT);
    for (int i = 0; i < expected.size(); i++) {
      refused(expected.get(i), r.get(i));
    }
    assertEquals(1000 * RLC, chain.account(2).getBalance());
  }

  private static io.poco.proto.v1.Msg create(
      StakingChain chain, int i, String moniker, long stake) {
    return StakingMsgs.create(pubkey(i), chain.operator(i), moniker, stake);
  }

  @Test
  void aBridgeAddressChangeWaitsOneUnbondingPeriod() {
    StakingChain chain = new StakingChain(StakingChain.params(), 2, 1000 * RLC, 100 * RLC);
    chain.block(1);
    ByteString next = chain.operator(1).bytes();
    ok(chain.block(1, chain.tx(0, 0, StakingMsgs.edit("renamed", next))).get(0));
    Validator v = chain.validator(0);
    assertEquals("renamed", v.getMoniker());
    assertEquals(chain.operator(0).bytes(), v.getBridgeAddress());
    assertEquals(chain.time() + 21 * DAY, v.getBridgeChangeTime());
    refused(
        TxCode.BRIDGE_CHANGE_PENDING,
        chain.block(1, chain.tx(0, 0, StakingMsgs.edit("", chain.operator(0).bytes()))).get(0));
    chain.block(21 * DAY - 2);
    assertEquals(chain.operator(0).bytes(), chain.validator(0).getBridgeAddress());
    chain.block(1);
    assertEquals(next, chain.validator(0).getBridgeAddress());
    assertTrue(chain.validator(0).getPendingBridgeAddress().isEmpty());
  }

  @Test
  void downtimeSlashesOnePercentJailsAndUnjailsAfterTheJailTime() {
    StakingChain chain =
        new StakingChain(
            StakingChain.params(), 4, 1000 * RLC, 100 * RLC, 100 * RLC, 100 * RLC, 100 * RLC);
    Set<ByteString> absent = Set.of(consensusAddress(3));
    chain.block(1);
    // Votes for heights 1..9 missed: the window of 10 is not full yet.
    for (int i = 0; i < 9; i++) {
      chain.block(1, absent, List.of());
    }
    assertFalse(chain.validator(3).getJailed());
    chain.block(1, absent, List.of()); // the 10th miss
    long jailedAt = chain.height();
    Validator v = chain.validator(3);
    assertTrue(v.getJailed());
    assertFalse(v.getTombstoned());
    assertEquals(99 * RLC, v.getBonded());
    assertEquals(chain.time() + 600, v.getJailedUntil());
    assertFalse(chain.cometSet(jailedAt + 2).containsKey(consensusAddress(3)));
    assertEquals(1, chain.events("slash").size());

    refused(
        TxCode.JAIL_NOT_EXPIRED,
        chain.block(1, absent, List.of(), chain.tx(3, 0, StakingMsgs.unjail())).get(0));
    chain.block(600);
    ok(chain.block(1, chain.tx(3, 0, StakingMsgs.unjail())).get(0));
    assertEquals(99L, chain.cometSet(chain.height() + 2).get(consensusAddress(3)));
    // Back with a fresh window: signing keeps it in.
    chain.blocks(15);
    assertFalse(chain.validator(3).getJailed());
  }

  @Test
  void aDoubleSignSlashesFivePercentOfTheInfractionStakeIncludingLaterUnbondingAndTombstones() {
    StakingChain chain =
        new StakingChain(
            StakingChain.params(), 4, 1000 * RLC, 100 * RLC, 100 * RLC, 100 * RLC, 100 * RLC);
    chain.blocks(3);
    long infraction = chain.height();
    ok(chain.block(1, chain.tx(2, 0, StakingMsgs.unbond(40 * RLC))).get(0));
    chain.blocks(2);
    chain.block(
        1,
        Set.of(),
        List.of(new Infraction("duplicate_vote", consensusAddress(2), infraction, 100)));
    long h = chain.height();
    Validator v = chain.validator(2);
    assertTrue(v.getTombstoned());
    assertTrue(v.getJailed());
    // 5 % of 100 RLC: 2 RLC (5 % of the 40 unbonding since) from the entry, 3 RLC from the bond.
    assertEquals(57 * RLC, v.getBonded());
    UnbondingEntry entry =
        StakingKeeper.unbonding(chain.store().latest(), chain.operator(2)).get(0);
    assertEquals(38 * RLC, entry.getBalance());
    assertFalse(chain.cometSet(h + 2).containsKey(consensusAddress(2)));
    // The slashed 5 RLC go to the fee pool, shared by the signers of block h: the three others at
    // 100 and the slashed one, still in that set at 60 after its unbonding; the remainder (3 nRLC)
    // goes to the proposer of block h.
    long before = chain.account(0).getBalance();
    boolean proposes = chain.cometSet(h).firstKey().equals(consensusAddress(0));
    chain.block(1);
    long share = 5 * RLC * 100 / 360;
    long remainder = 5 * RLC - 3 * share - 5 * RLC * 60 / 360;
    assertEquals(3, remainder);
    assertEquals(before + share + (proposes ? remainder : 0), chain.account(0).getBalance());

    refused(
        TxCode.VALIDATOR_TOMBSTONED, chain.block(700, chain.tx(2, 0, StakingMsgs.unjail())).get(0));
    chain.block(1, Set.of(), List.of(new Infraction("duplicate_vote", consensusAddress(2), h, 57)));
    assertEquals(
        57 * RLC, chain.validator(2).getBonded(), "a tombstoned validator is not slashed twice");
    assertEquals(1, chain.events("misbehavior_ignored").size());
  }

  @Test
  void feesAreSharedBySignersInProportionToPowerWithTheRemainderToTheProposer() {
    StakingChain chain =
        new StakingChain(StakingChain.params(), 4, 1000 * RLC, 100 * RLC, 200 * RLC, 300 * RLC);
    chain.blocks(2);
    long[] before = {
      chain.account(0).getBalance(), chain.account(1).getBalance(), chain.account(2).getBalance()
    };
    ok(
        chain
            .block(1, chain.tx(3, 1000, io.poco.core.exec.ChainFixture.send(chain.operator(3), 1)))
            .get(0));
    // Validator 0 did not sign that block: 1000 nRLC split 200:300 among 1 and 2.
    chain.block(1, Set.of(consensusAddress(0)), List.of());
    long share1 = 1000L * 200 / 500;
    long share2 = 1000L * 300 / 500;
    ByteString proposer = chain.cometSet(chain.height() - 1).firstKey();
    long remainder = 1000 - share1 - share2;
    assertEquals(0, remainder);
    assertEquals(before[0], chain.account(0).getBalance());
    assertEquals(before[1] + share1, chain.account(1).getBalance());
    assertEquals(before[2] + share2, chain.account(2).getBalance());
    assertTrue(proposer.size() == 20);

    // 1001 nRLC over 600 power: 166 + 333 + 500 = 999, the remainder 2 goes to the proposer.
    ok(
        chain
            .block(1, chain.tx(3, 1001, io.poco.core.exec.ChainFixture.send(chain.operator(3), 1)))
            .get(0));
    ByteString feeBlockProposer = chain.cometSet(chain.height()).firstKey();
    long[] mid = {
      chain.account(0).getBalance(), chain.account(1).getBalance(), chain.account(2).getBalance()
    };
    chain.block(1);
    long[] got = {
      chain.account(0).getBalance() - mid[0],
      chain.account(1).getBalance() - mid[1],
      chain.account(2).getBalance() - mid[2]
    };
    long[] expected = {1001L * 100 / 600, 1001L * 200 / 600, 1001L * 300 / 600};
    for (int i = 0; i < 3; i++) {
      if (consensusAddress(i).equals(feeBlockProposer)) {
        expected[i] += 1001 - (1001L * 100 / 600 + 1001L * 200 / 600 + 1001L * 300 / 600);
      }
    }
    assertEquals(List.of(expected[0], expected[1], expected[2]), List.of(got[0], got[1], got[2]));
  }

  @Test
  void theActiveSetIsTheTopMaxValidatorsWithTiesBrokenByConsensusAddress() {
    StakingChain chain =
        new StakingChain(
            StakingChain.params().toBuilder().setMaxValidators(2).build(),
            3,
            1000 * RLC,
            100 * RLC,
            100 * RLC,
            50 * RLC);
    assertEquals(Set.of(consensusAddress(0), consensusAddress(1)), chain.cometSet(1).keySet());
    chain.block(1);
    ok(chain.block(1, chain.tx(2, 0, StakingMsgs.stake(50 * RLC))).get(0));
    // Now three at 100: the two lowest consensus addresses stay.
    ByteString highest =
        List.of(consensusAddress(0), consensusAddress(1), consensusAddress(2)).stream()
            .max(ByteString.unsignedLexicographicalComparator())
            .orElseThrow();
    assertEquals(2, chain.cometSet(chain.height() + 2).size());
    assertFalse(chain.cometSet(chain.height() + 2).containsKey(highest));
    chain.blocks(3);
  }

  @Test
  void genesisRefusesAnUnbondingPeriodShorterThanTheReversalWindowPlusTheEvidenceAge() {
    GenesisState g =
        GenesisState.newBuilder()
            .setParams(TxDecoder.defaultParams())
            .setStaking(StakingParamsKeeper.defaults().toBuilder().setUnbondingSeconds(15 * DAY))
            .build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Genesis.apply(new InMemoryVersionedStore().newBlock(), g));
    assertTrue(e.getMessage().contains("unbonding_seconds"), e.getMessage());
    GenesisState twice =
        GenesisState.newBuilder()
            .setParams(TxDecoder.defaultParams())
            .addValidators(
                GenesisValidator.newBuilder()
                    .setOperator("0x" + "11".repeat(20))
                    .setConsensusPubkey(java.util.Base64.getEncoder().encodeToString(new byte[32]))
                    .setBridgeAddress("0x" + "11".repeat(20))
                    .setMoniker("a")
                    .setStake(RLC))
            .addValidators(
                GenesisValidator.newBuilder()
                    .setOperator("0x" + "22".repeat(20))
                    .setConsensusPubkey(java.util.Base64.getEncoder().encodeToString(new byte[32]))
                    .setBridgeAddress("0x" + "22".repeat(20))
                    .setMoniker("b")
                    .setStake(RLC))
            .build();
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Genesis.apply(new InMemoryVersionedStore().newBlock(), twice));
    assertTrue(e.getMessage().contains("consensus key appears twice"), e.getMessage());
  }

  @Test
  void theLastValidatorLeavingKeepsTheSetSoTheChainGoesOn() {
    StakingChain chain = new StakingChain(StakingChain.params(), 2, 1000 * RLC, 100 * RLC);
    chain.block(1);
    ok(chain.block(1, chain.tx(0, 0, StakingMsgs.unbond(100 * RLC))).get(0));
    assertEquals(100L, chain.cometSet(chain.height() + 2).get(consensusAddress(0)));
    assertEquals(1, chain.events("validator_set_kept").size());
    chain.blocks(3);
    // Someone eligible again: the set moves to it, and the old one leaves.
    ok(
        chain
            .block(
                1, chain.tx(1, 0, StakingMsgs.create(pubkey(1), chain.operator(1), "v1", 5 * RLC)))
            .get(0));
    assertEquals(Map.of(consensusAddress(1), 5L), chain.cometSet(chain.height() + 2));
  }
}
