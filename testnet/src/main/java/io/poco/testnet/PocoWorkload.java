package io.poco.testnet;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.ids.PocoIds;
import io.poco.core.market.SignedOrders;
import io.poco.core.task.ContributionSigning;
import io.poco.core.tx.TxSigning;
import io.poco.proto.v1.AppOrder;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgContributeBatch;
import io.poco.proto.v1.MsgFinalizeTask;
import io.poco.proto.v1.MsgInitializeTask;
import io.poco.proto.v1.MsgMatchOrders;
import io.poco.proto.v1.MsgRegisterApp;
import io.poco.proto.v1.MsgRegisterWorkerpool;
import io.poco.proto.v1.MsgRevealBatch;
import io.poco.proto.v1.RequestOrder;
import io.poco.proto.v1.RevealItem;
import io.poco.proto.v1.SignedContribution;
import io.poco.proto.v1.TxBody;
import io.poco.proto.v1.WorkerpoolOrder;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * PoCo deals driven by simulated workerpools. Each lane is one workerpool (its scheduler) with a
 * requester and a deal of many tasks; it works in groups of tasks: one transaction initializes the
 * group, one carries a batch of 16 signed contributions ({@code replication} workers per task), one
 * the batch of reveals (each worker reveals what it contributed; the chain keeps only the consensus
 * group), one finalizes the group. A share of contributions ({@code wrongShare}, per mille) carries
 * a wrong result. The workers (16 shared test accounts) never send transactions.
 *
 * <p>Account layout (test accounts): 0 app owner, 1..16 workers, then per lane a scheduler and a
 * requester.
 */
public final class PocoWorkload {

  /** Contributions per batch transaction. */
  public static final int BATCH = 16;

  static final int WORKERS = 16;
  private static final long RLC = 1_000_000_000L;
  private static final long PRICE = RLC / 100;

  private final String chainId;
  private final int replication;
  private final long trust;
  private final int wrongPerMille;

  /** {@code replication} workers per task (1..16), deal trust, wrong results per mille. */
  public PocoWorkload(String chainId, int replication, long trust, int wrongPerMille) {
    if (replication < 1 || BATCH % replication != 0) {
      throw new IllegalArgumentException("replication must divide " + BATCH);
    }
    this.chainId = chainId;
    this.replication = replication;
    this.trust = trust;
    this.wrongPerMille = wrongPerMille;
  }

  /** Honest default: one worker per task, trust 1. */
  public static PocoWorkload honest(String chainId) {
    return new PocoWorkload(chainId, 1, 1, 0);
  }

  /** Test accounts the workload needs for {@code lanes} lanes. */
  public static int accountsNeeded(int lanes) {
    return 1 + WORKERS + 2 * lanes;
  }

  /** Registers the app, one workerpool per lane and matches one deal per lane (not measured). */
  public List<PocoLane> setUp(LoadDriver driver, int lanes, int nodes) throws InterruptedException {
    BigInteger appOwner = TestAccounts.key(0);
    Committed app =
        driver.submitAndWait(0, sign(appOwner, 0, registerApp()), Duration.ofSeconds(60));
    check(app, "register app");
    Address appId = PocoIds.appId(Secp256k1.address(appOwner), 0);
    List<PocoLane> result = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int l = 0; l < lanes; l++) {
      int lane = l;
      BigInteger scheduler = TestAccounts.key(1 + WORKERS + 2 * lane);
      BigInteger requester = TestAccounts.key(2 + WORKERS + 2 * lane);
      PocoLane p = new PocoLane(lane, lane % nodes, scheduler, requester);
      result.add(p);
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    int node = lane % nodes;
                    check(
                        driver.submitAndWait(
                            node,
                            sign(scheduler, p.schedulerNonce++, registerPool()),
                            Duration.ofSeconds(120)),
                        "register workerpool");
                    Address pool = PocoIds.workerpoolId(Secp256k1.address(scheduler), 0);
                    long volume = 100_000;
                    AppOrder appOrder =
                        AppOrder.newBuilder()
                            .setApp(appId.bytes())
                            .setVolume(volume * 1_000)
                            .build();
                    WorkerpoolOrder poolOrder =
                        WorkerpoolOrder.newBuilder()
                            .setWorkerpool(pool.bytes())
                            .setWorkerpoolprice(PRICE)
                            .setVolume(volume)
                            .setTrust(trust)
                            .build();
                    RequestOrder request =
                        RequestOrder.newBuilder()
                            .setApp(appId.bytes())
                            .setWorkerpool(pool.bytes())
                            .setWorkerpoolmaxprice(PRICE)
                            .setRequester(Secp256k1.address(requester).bytes())
                            .setVolume(volume)
                            .setTrust(trust)
                            .setParams("{\"args\":\"lane " + lane + "\"}")
                            .build();
                    Msg match =
                        Msg.newBuilder()
                            .setMatchOrders(
                                MsgMatchOrders.newBuilder()
                                    .setAppOrder(SignedOrders.sign(chainId, appOrder, appOwner))
                                    .setWorkerpoolOrder(
                                        SignedOrders.sign(chainId, poolOrder, scheduler))
                                    .setRequestOrder(
                                        SignedOrders.sign(chainId, request, requester)))
                            .build();
                    Committed matched =
                        driver.submitAndWait(
                            node,
                            sign(requester, p.requesterNonce++, match),
                            Duration.ofSeconds(120));
                    check(matched, "match orders");
                    String deal = matched.attribute("deal", "id");
                    p.deal = ByteString.copyFrom(HexFormat.of().parseHex(deal.substring(2)));
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    for (PocoLane p : result) {
      if (p.deal == null) {
        throw new IllegalStateException("lane " + p.lane + " has no deal");
      }
    }
    return result;
  }

  private static void check(Committed c, String what) {
    if (!c.ok()) {
      throw new IllegalStateException(what + " failed: code " + c.code() + " " + c.log());
    }
  }

  /** A sample contribution-batch transaction, for sizing the baseline's transactions. */
  public byte[] sampleContributionBatch() {
    List<SignedContribution> cs = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      ByteString task = PocoIds.taskId(PocoIds.uint256(1), i);
      cs.add(
          ContributionSigning.sign(
              chainId, task, digest(task, true), ByteString.EMPTY, TestAccounts.key(1 + i)));
    }
    return sign(
        TestAccounts.key(1 + WORKERS),
        1_000,
        Msg.newBuilder()
            .setContributeBatch(MsgContributeBatch.newBuilder().addAllContributions(cs))
            .build());
  }

  private byte[] sign(BigInteger key, long nonce, Msg... msgs) {
    TxBody.Builder body =
        TxBody.newBuilder()
            .setChainId(chainId)
            .setNonce(nonce)
            .setSender(Secp256k1.address(key).bytes());
    for (Msg m : msgs) {
      body.addMessages(m);
    }
    return TxSigning.sign(body.build(), key).toByteArray();
  }

  private static Msg registerApp() {
    return Msg.newBuilder()
        .setRegisterApp(
            MsgRegisterApp.newBuilder()
                .setName("bench")
                .setImage("registry/bench:1")
                .setDeterministic(true))
        .build();
  }

  private static Msg registerPool() {
    return Msg.newBuilder()
        .setRegisterWorkerpool(MsgRegisterWorkerpool.newBuilder().setDescription("bench pool"))
        .build();
  }

  /** The honest result of a task, or a wrong one. */
  static ByteString digest(ByteString task, boolean honest) {
    byte[] d = task.toByteArray().clone();
    d[0] ^= honest ? 0x5a : (byte) 0xa5;
    return ByteString.copyFrom(d);
  }

  /** One workerpool's deal, worked through in groups of tasks. */
  public final class PocoLane implements Lane {
    private final int lane;
    private final int node;
    private final BigInteger scheduler;
    private final BigInteger requester;
    private final Random votes;
    long schedulerNonce;
    long requesterNonce;
    ByteString deal;
    private long nextTask;

    /**
     * The step of the next transaction to build (0 initialize, 1 contribute, 2 reveal, 3 finalize).
     */
    private int stage;

    /** The step of the next transaction to commit: lags {@link #stage} by what is built ahead. */
    private int committedStage;

    /** Transactions built (and signed) ahead by {@link #prepare}, sent before any new one. */
    private final java.util.ArrayDeque<Submission> ready = new java.util.ArrayDeque<>();

    private long completedGroups;
    private long wrongVotes;
    private long votesCast;
    private List<ByteString> tasks = List.of();
    private final List<RevealItem> reveals = new ArrayList<>();

    PocoLane(int lane, int node, BigInteger scheduler, BigInteger requester) {
      this.lane = lane;
      this.node = node;
      this.scheduler = scheduler;
      this.requester = requester;
      this.votes = new Random(lane);
    }

    @Override
    public int node() {
      return node;
    }

    /** The lane's deal. */
    public ByteString deal() {
      return deal;
    }

    /** Contributions this lane signed with a wrong result. */
    public synchronized long wrongVotes() {
      return wrongVotes;
    }

    /** Contributions this lane signed, honest or not. */
    public synchronized long votesCast() {
      return votesCast;
    }

    /** Tasks whose group went through all four steps (initialize to finalize). */
    public synchronized long tasksFinalized() {
      return completedGroups * (BATCH / replication);
    }

    /**
     * Builds and signs the transactions of the next {@code groups} groups now, so that sending them
     * later costs the load generator no signing: a benchmark calls this before its measured phase,
     * so that the generator's secp256k1 signing (17 signatures per contribution batch) does not
     * compete with the nodes for the machine's cores while they are measured.
     */
    public synchronized void prepare(int groups) {
      for (int i = 0; i < 4 * groups; i++) {
        ready.addLast(build());
      }
    }

    /** Transactions built ahead and not sent yet. */
    public synchronized int prepared() {
      return ready.size();
    }

    @Override
    public synchronized Submission next() {
      Submission built = ready.pollFirst();
      return built != null ? built : build();
    }

    private Submission build() {
      int step = stage;
      stage = (stage + 1) % 4;
      switch (step) {
        case 0 -> {
          List<ByteString> group = new ArrayList<>();
          List<Msg> msgs = new ArrayList<>();
          for (int i = 0; i < BATCH / replication; i++) {
            long idx = nextTask++;
            group.add(PocoIds.taskId(deal, idx));
            msgs.add(
                Msg.newBuilder()
                    .setInitializeTask(MsgInitializeTask.newBuilder().setDealId(deal).setIdx(idx))
                    .build());
          }
          tasks = group;
          return new Submission(sign(requester, requesterNonce++, msgs.toArray(Msg[]::new)), 0);
        }
        case 1 -> {
          List<SignedContribution> cs = new ArrayList<>();
          reveals.clear();
          for (int t = 0; t < tasks.size(); t++) {
            for (int r = 0; r < replication; r++) {
              int worker = (t * replication + r) % WORKERS;
              boolean honest = votes.nextInt(1000) >= wrongPerMille;
              votesCast++;
              if (!honest) {
                wrongVotes++;
              }
              ByteString task = tasks.get(t);
              ByteString d = digest(task, honest);
              BigInteger key = TestAccounts.key(1 + worker);
              cs.add(ContributionSigning.sign(chainId, task, d, ByteString.EMPTY, key));
              reveals.add(
                  RevealItem.newBuilder()
                      .setTaskId(task)
                      .setWorker(Secp256k1.address(key).bytes())
                      .setResultDigest(d)
                      .build());
            }
          }
          return new Submission(
              sign(
                  scheduler,
                  schedulerNonce++,
                  Msg.newBuilder()
                      .setContributeBatch(MsgContributeBatch.newBuilder().addAllContributions(cs))
                      .build()),
              cs.size());
        }
        case 2 -> {
          return new Submission(
              sign(
                  scheduler,
                  schedulerNonce++,
                  Msg.newBuilder()
                      .setRevealBatch(MsgRevealBatch.newBuilder().addAllReveals(reveals))
                      .build()),
              0);
        }
        default -> {
          List<Msg> msgs = new ArrayList<>();
          for (ByteString task : tasks) {
            msgs.add(
                Msg.newBuilder()
                    .setFinalizeTask(
                        MsgFinalizeTask.newBuilder()
                            .setTaskId(task)
                            .setResults(ByteString.copyFromUtf8("ipfs://bench")))
                    .build());
          }
          return new Submission(sign(scheduler, schedulerNonce++, msgs.toArray(Msg[]::new)), 0);
        }
      }
    }

    @Override
    public synchronized int committed(Submission s, Committed c) {
      int contributions = 0;
      if (committedStage == 1 && c.ok()) {
        String accepted = c.attribute("batch", "accepted");
        contributions = accepted != null ? Integer.parseInt(accepted) : s.contributions();
      }
      if (committedStage == 3) {
        completedGroups++;
      }
      committedStage = (committedStage + 1) % 4;
      return contributions;
    }
  }
}
