package io.poco.core.economics;

import io.poco.core.crypto.Address;
import io.poco.core.ids.PocoIds;
import io.poco.proto.v1.Deal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The settlements of poco.md §3 and §5 as pure functions of the deal, the task's contributions and
 * the kitty. Integer arithmetic only; every division floors; rounding dust goes to the scheduler.
 */
public final class Payouts {

  /** The kitty bonus is this percent of the kitty (§5.6). */
  public static final long KITTY_RATIO = 10;

  /** ... but at least this much (1 RLC), and never more than the kitty. */
  public static final long KITTY_MIN = 1_000_000_000L;

  private static final Address KITTY = new Address(PocoIds.ZERO_ADDRESS);
  private static final BigInteger HUNDRED = BigInteger.valueOf(100);

  private Payouts() {}

  /** The per-task price the requester locked: app + dataset + workerpool price. */
  public static long taskPrice(Deal deal) {
    return Math.addExact(
        Math.addExact(deal.getAppPrice(), deal.getDatasetPrice()), deal.getWorkerpoolPrice());
  }

  /** {@code min(max(kitty × 10 / 100, 10^9), kitty)}. */
  public static long kittyBonus(long kitty) {
    return Math.min(Math.max(share(kitty, KITTY_RATIO), KITTY_MIN), kitty);
  }

  /** Finalize after a replicated round (§5.1–§5.6). */
  public static Settlement finalize(Deal deal, List<Contributor> contributors, long kitty) {
    List<Debit> debits = new ArrayList<>();
    List<Payout> payouts = new ArrayList<>();
    successWork(deal, kitty, debits, payouts);
    long totalReward = deal.getWorkerpoolPrice();
    long totalWeight = 0;
    for (Contributor c : contributors) {
      debit(debits, c.worker(), c.stake());
      if (c.proved()) {
        totalWeight = Math.addExact(totalWeight, c.rewardWeight());
      } else {
        totalReward = Math.addExact(totalReward, c.stake());
      }
    }
    long workersReward = share(totalReward, 100 - deal.getSchedulerRewardRatio());
    long schedulerReward = totalReward;
    for (Contributor c : contributors) {
      if (!c.proved()) {
        continue;
      }
      pay(payouts, c.worker(), c.stake(), PayoutKind.WORKER_STAKE_RETURN);
      long reward = fraction(workersReward, c.rewardWeight(), totalWeight);
      pay(payouts, c.worker(), reward, PayoutKind.WORKER_REWARD);
      schedulerReward = Math.subtractExact(schedulerReward, reward);
    }
    pay(payouts, scheduler(deal), schedulerReward, PayoutKind.SCHEDULER_REWARD);
    return new Settlement(debits, payouts);
  }

  /** The trust-1 fast path (§5.7): no worker stake, the worker gets price × (100 − ratio) / 100. */
  public static Settlement fastFinalize(Deal deal, Address worker, long kitty) {
    List<Debit> debits = new ArrayList<>();
    List<Payout> payouts = new ArrayList<>();
    successWork(deal, kitty, debits, payouts);
    long workerReward = share(deal.getWorkerpoolPrice(), 100 - deal.getSchedulerRewardRatio());
    pay(payouts, worker, workerReward, PayoutKind.WORKER_REWARD);
    pay(
        payouts,
        scheduler(deal),
        deal.getWorkerpoolPrice() - workerReward,
        PayoutKind.SCHEDULER_REWARD);
    return new Settlement(debits, payouts);
  }

  /**
   * Claim after the final deadline (§3): the requester's price comes back, the scheduler's stake
   * goes to the kitty, every contributor's stake comes back without penalty.
   */
  public static Settlement claim(Deal deal, List<Contributor> contributors) {
    List<Debit> debits = new ArrayList<>();
    List<Payout> payouts = new ArrayList<>();
    Address requester = new Address(deal.getRequester());
    debit(debits, requester, taskPrice(deal));
    pay(payouts, requester, taskPrice(deal), PayoutKind.REQUESTER_REFUND);
    debit(debits, scheduler(deal), deal.getSchedulerStake());
    pay(payouts, KITTY, deal.getSchedulerStake(), PayoutKind.TO_KITTY);
    for (Contributor c : contributors) {
      debit(debits, c.worker(), c.stake());
      pay(payouts, c.worker(), c.stake(), PayoutKind.WORKER_STAKE_RETURN);
    }
    return new Settlement(debits, payouts);
  }

  /** §5.1 and the kitty bonus of §5.6, common to both finalize paths. */
  private static void successWork(Deal deal, long kitty, List<Debit> debits, List<Payout> payouts) {
    debit(debits, new Address(deal.getRequester()), taskPrice(deal));
    pay(payouts, new Address(deal.getAppOwner()), deal.getAppPrice(), PayoutKind.APP_REWARD);
    if (deal.getDatasetPrice() > 0) {
      pay(
          payouts,
          new Address(deal.getDatasetOwner()),
          deal.getDatasetPrice(),
          PayoutKind.DATASET_REWARD);
    }
    debit(debits, scheduler(deal), deal.getSchedulerStake());
    pay(payouts, scheduler(deal), deal.getSchedulerStake(), PayoutKind.SCHEDULER_STAKE_RETURN);
    if (kitty > 0) {
      long bonus = kittyBonus(kitty);
      debits.add(new Debit(KITTY, bonus, true));
      pay(payouts, scheduler(deal), bonus, PayoutKind.KITTY_BONUS);
    }
  }

  private static Address scheduler(Deal deal) {
    return new Address(deal.getWorkerpoolOwner());
  }

  /** floor(amount × percent / 100), exactly. */
  public static long share(long amount, long percent) {
    return BigInteger.valueOf(amount)
        .multiply(BigInteger.valueOf(percent))
        .divide(HUNDRED)
        .longValueExact();
  }

  /** floor(amount × part / whole), exactly; 0 when whole is 0. */
  static long fraction(long amount, long part, long whole) {
    if (whole == 0) {
      return 0;
    }
    return BigInteger.valueOf(amount)
        .multiply(BigInteger.valueOf(part))
        .divide(BigInteger.valueOf(whole))
        .longValueExact();
  }

  private static void debit(List<Debit> debits, Address from, long amount) {
    if (amount > 0) {
      debits.add(new Debit(from, amount, false));
    }
  }

  private static void pay(List<Payout> payouts, Address to, long amount, PayoutKind kind) {
    if (amount > 0) {
      payouts.add(new Payout(to, amount, kind));
    }
  }
}
