package io.poco.testnet;

import com.google.protobuf.ByteString;
import io.poco.core.crypto.Address;
import io.poco.core.crypto.Keccak;
import io.poco.core.crypto.Secp256k1;
import io.poco.core.exec.ChainEvent;
import io.poco.core.exec.Schema;
import io.poco.core.ids.PocoIds;
import io.poco.core.params.PocoParamsKeeper;
import io.poco.core.task.Consensus;
import io.poco.core.task.ContributionSigning;
import io.poco.core.task.ResultBinding;
import io.poco.core.task.TaskKeeper;
import io.poco.core.tx.TxDecoder;
import io.poco.proto.v1.Category;
import io.poco.proto.v1.CheckOutcome;
import io.poco.proto.v1.GenesisState;
import io.poco.proto.v1.Msg;
import io.poco.proto.v1.MsgContributeBatch;
import io.poco.proto.v1.MsgFinalizeTask;
import io.poco.proto.v1.MsgRegisterVerifier;
import io.poco.proto.v1.MsgRevealBatch;
import io.poco.proto.v1.MsgVerifierCommit;
import io.poco.proto.v1.MsgVerifierReveal;
import io.poco.proto.v1.RevealItem;
import io.poco.proto.v1.SignedContribution;
import io.poco.proto.v1.SlotStatus;
import io.poco.proto.v1.SpotCheck;
import io.poco.proto.v1.Task;
import io.poco.proto.v1.TaskStatus;
import io.poco.proto.v1.VerifierSlot;
import io.poco.proto.v1.WorkerScore;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * targets.md R4: a deterministic simulation, driving the real state machine ({@link SimChain}), of
 * a workerpool whose workers include a share of colluding saboteurs who all return one agreed wrong
 * result. The scheduler draws workers for each task (a keccak-based draw from a fixed seed,
 * skipping blacklisted workers) until its local replay of the consensus test says the chain will
 * reach consensus; winners reveal, the scheduler finalizes, a share q of the completed tasks are
 * spot-checked by honest verifiers, and at the end the clock passes every reversal window. It
 * prints, as JSON lines, the share of wrong results that reached COMPLETED and SETTLED, the
 * saboteurs caught, the tasks reversed by backtracking, and whether every caught saboteur's window
 * was backtracked (its in-window wins index empty right after it was caught).
 *
 * <p>Arguments: {@code --tasks N --trust T --saboteurs PERCENT --q PPM --workers N --verifiers N}
 * (defaults 10 000, 100, 20, 50 000, 100, 10).
 */
public final class SaboteurSimulation {

  private static final String CHAIN = "sim";
  private static final long PRICE = SimMarket.RLC;
  private static final int WAVE = 100;
  private static final int MAX_DRAWS = 40;
  private static final long BLOCK_SECONDS = 10;

  /** The simulation's knobs. */
  public record Settings(
      int tasks, long trust, int saboteurPercent, int spotCheckPpm, int workers, int verifiers) {

    public static Settings defaults() {
      return new Settings(10_000, 100, 20, 50_000, 100, 10);
    }
  }

  /** What a run measured. */
  public record Result(
      Settings settings,
      int completed,
      int wrongCompleted,
      int wrongSettled,
      int unresolved,
      int spotChecks,
      int frauds,
      int saboteursCaught,
      int honestCaught,
      int reversedByBacktracking,
      boolean backtrackingComplete) {

    /** One JSON line per figure. */
    public List<String> jsonLines() {
      String common =
          String.format(
              Locale.ROOT,
              "\"tasks\":%d,\"trust\":%d,\"saboteurs\":%.2f,\"q\":%.3f",
              settings.tasks(),
              settings.trust(),
              settings.saboteurPercent() / 100.0,
              settings.spotCheckPpm() / 1_000_000.0);
      return List.of(
          line(
              "sim.saboteurs.wrong_completed",
              fraction(wrongCompleted),
              "fraction",
              common,
              ",\"count\":" + wrongCompleted),
          line(
              "sim.saboteurs.wrong_settled",
              fraction(wrongSettled),
              "fraction",
              common,
              ",\"count\":" + wrongSettled + ",\"target\":\"R4 <= 0.01\""),
          line(
              "sim.saboteurs.caught",
              saboteursCaught,
              "workers",
              common,
              ",\"of\":"
                  + settings.workers() * settings.saboteurPercent() / 100
                  + ",\"honest_caught\":"
                  + honestCaught),
          line(
              "sim.saboteurs.reversed_by_backtracking",
              reversedByBacktracking,
              "tasks",
              common,
              ""),
          line(
              "sim.saboteurs.spot_checks",
              spotChecks,
              "checks",
              common,
              ",\"frauds\":"
                  + frauds
                  + ",\"completed\":"
                  + completed
                  + ",\"unresolved\":"
                  + unresolved),
          line(
              "sim.saboteurs.backtracking_complete",
              backtrackingComplete ? 1 : 0,
              "bool",
              common,
              ",\"target\":\"R4: every caught saboteur's window backtracked\""));
    }

    private String fraction(int n) {
      return String.format(Locale.ROOT, "%.6f", completed == 0 ? 0.0 : (double) n / completed);
    }

    private static String line(
        String name, Object value, String unit, String common, String extra) {
      return "{\"name\":\""
          + name
          + "\",\"value\":"
          + value
          + ",\"unit\":\""
          + unit
          + "\","
          + common
          + extra
          + "}";
    }
  }

  private final Settings settings;
  private final List<BigInteger> workers = new ArrayList<>();
  private final List<BigInteger> verifiers = new ArrayList<>();
  private final BigInteger appOwner = SimMarket.key("app owner", 0);
  private final BigInteger scheduler = SimMarket.key("scheduler", 0);
  private final BigInteger requester = SimMarket.key("requester", 0);
  private long draws;

  public SaboteurSimulation(Settings settings) {
    this.settings = settings;
    for (int i = 0; i < settings.workers(); i++) {
      workers.add(SimMarket.key("worker", i));
    }
    for (int i = 0; i < settings.verifiers(); i++) {
      verifiers.add(SimMarket.key("verifier", i));
    }
  }

  public static void main(String[] args) throws IOException {
    Settings s = Settings.defaults();
    for (int i = 0; i + 1 < args.length; i += 2) {
      long v = Long.parseLong(args[i + 1]);
      s =
          switch (args[i]) {
            case "--tasks" ->
                new Settings(
                    (int) v,
                    s.trust(),
                    s.saboteurPercent(),
                    s.spotCheckPpm(),
                    s.workers(),
                    s.verifiers());
            case "--trust" ->
                new Settings(
                    s.tasks(),
                    v,
                    s.saboteurPercent(),
                    s.spotCheckPpm(),
                    s.workers(),
                    s.verifiers());
            case "--saboteurs" ->
                new Settings(
                    s.tasks(), s.trust(), (int) v, s.spotCheckPpm(), s.workers(), s.verifiers());
            case "--q" ->
                new Settings(
                    s.tasks(), s.trust(), s.saboteurPercent(), (int) v, s.workers(), s.verifiers());
            case "--workers" ->
                new Settings(
                    s.tasks(),
                    s.trust(),
                    s.saboteurPercent(),
                    s.spotCheckPpm(),
                    (int) v,
                    s.verifiers());
            case "--verifiers" ->
                new Settings(
                    s.tasks(),
                    s.trust(),
                    s.saboteurPercent(),
                    s.spotCheckPpm(),
                    s.workers(),
                    (int) v);
            default -> throw new IllegalArgumentException("unknown option " + args[i]);
          };
    }
    new SaboteurSimulation(s).run().jsonLines().forEach(System.out::println);
  }

  /**
   * Worker {@code i} is a saboteur when {@code i mod 100 < saboteurPercent}, spread by a stride.
   */
  boolean saboteur(int i) {
    return (i * 37 % 100) < settings.saboteurPercent();
  }

  public Result run() throws IOException {
    try (SimChain chain = new SimChain(CHAIN, genesis(), 1_700_000_000L)) {
      chain.block(
          BLOCK_SECONDS,
          List.of(
              chain.tx(appOwner, SimMarket.registerApp()),
              chain.tx(scheduler, SimMarket.registerPool())));
      List<byte[]> registrations = new ArrayList<>();
      for (BigInteger v : verifiers) {
        registrations.add(
            chain.tx(
                v,
                Msg.newBuilder()
                    .setRegisterVerifier(MsgRegisterVerifier.getDefaultInstance())
                    .build()));
      }
      chain.block(BLOCK_SECONDS, registrations);
      ByteString deal =
          SimMarket.match(
              chain,
              BLOCK_SECONDS,
              new SimMarket.Parties(appOwner, scheduler, requester),
              settings.tasks(),
              settings.trust(),
              PRICE);
      TreeSet<ByteString> wrong = new TreeSet<>(ByteString.unsignedLexicographicalComparator());
      TreeSet<Address> caught = new TreeSet<>();
      int completed = 0;
      int unresolved = 0;
      boolean backtrackingComplete = true;
      for (int first = 0; first < settings.tasks(); first += WAVE) {
        int count = Math.min(WAVE, settings.tasks() - first);
        List<ByteString> tasks = new ArrayList<>();
        List<byte[]> inits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          tasks.add(PocoIds.taskId(deal, first + i));
          inits.add(chain.tx(requester, SimMarket.initialize(deal, first + i)));
        }
        SimMarket.expectOk(chain.block(BLOCK_SECONDS, inits), "initialize");
        TreeMap<ByteString, List<Integer>> winners = contribute(chain, tasks);
        unresolved += count - winners.size();
        List<byte[]> reveals = new ArrayList<>();
        List<byte[]> finals = new ArrayList<>();
        for (var e : winners.entrySet()) {
          reveals.add(chain.tx(scheduler, revealBatch(e.getKey(), e.getValue())));
        }
        SimMarket.expectOk(chain.block(BLOCK_SECONDS, reveals), "reveal");
        for (ByteString t : winners.keySet()) {
          finals.add(
              chain.tx(
                  scheduler,
                  Msg.newBuilder()
                      .setFinalizeTask(MsgFinalizeTask.newBuilder().setTaskId(t))
                      .build()));
        }
        SimMarket.expectOk(chain.block(BLOCK_SECONDS, finals), "finalize");
        for (ByteString t : winners.keySet()) {
          Task task = TaskKeeper.task(chain.state(), t).orElseThrow();
          completed++;
          if (task.getConsensusValue().equals(ResultBinding.resultHash(t, digest(t, false)))) {
            wrong.add(t);
          }
        }
        verify(chain, winners.keySet());
        for (ChainEvent e : chain.events()) {
          if (e.type().equals("worker_caught")) {
            Address w = Address.parse(SimMarket.attr(e, "worker"));
            caught.add(w);
            backtrackingComplete &= TaskKeeper.wins(chain.state(), w).isEmpty();
          }
        }
        tally(chain.events());
        chain.events().clear();
      }
      chain.block(PocoParamsKeeper.DEFAULT_REVERSAL_WINDOW + 1, List.of());
      tally(chain.events());
      int wrongSettled = 0;
      for (ByteString t : wrong) {
        if (TaskKeeper.task(chain.state(), t).orElseThrow().getStatus()
            == TaskStatus.TASK_STATUS_SETTLED) {
          wrongSettled++;
        }
      }
      int saboteursCaught = 0;
      for (int i = 0; i < workers.size(); i++) {
        if (caught.contains(Secp256k1.address(workers.get(i))) && saboteur(i)) {
          saboteursCaught++;
        }
      }
      return new Result(
          settings,
          completed,
          wrong.size(),
          wrongSettled,
          unresolved,
          spotChecks,
          frauds,
          saboteursCaught,
          caught.size() - saboteursCaught,
          backtracked,
          backtrackingComplete);
    }
  }

  private int spotChecks;
  private int frauds;
  private int backtracked;

  private void tally(List<ChainEvent> events) {
    for (ChainEvent e : events) {
      String action = SimMarket.attrOrEmpty(e, "action");
      if (e.type().equals("spot_check")
          && (action.equals("select") || action.equals("challenge"))) {
        spotChecks++;
      } else if (e.type().equals("spot_check")
          && SimMarket.attrOrEmpty(e, "outcome").equals("fraud")) {
        frauds++;
      } else if (e.type().equals("task")
          && SimMarket.attrOrEmpty(e, "reason").equals("backtracking")) {
        backtracked++;
      }
    }
  }

  /**
   * One block of contribution batches, one per task: workers drawn until the scheduler's replay of
   * the consensus test (with the scores of the wave's start) says consensus is reached. Returns the
   * winners of each task that reached it.
   */
  private TreeMap<ByteString, List<Integer>> contribute(SimChain chain, List<ByteString> tasks) {
    TreeMap<ByteString, List<Integer>> winners =
        new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    List<Integer> eligible = new ArrayList<>();
    long now = chain.time() + BLOCK_SECONDS;
    for (int i = 0; i < workers.size(); i++) {
      if (!TaskKeeper.blacklisted(chain.state(), Secp256k1.address(workers.get(i)), now)) {
        eligible.add(i);
      }
    }
    List<List<Integer>> drawn = new ArrayList<>();
    List<Boolean> reached = new ArrayList<>();
    for (ByteString t : tasks) {
      List<Integer> pool = new ArrayList<>(eligible);
      List<Integer> picks = new ArrayList<>();
      TreeMap<Boolean, BigInteger> groups = new TreeMap<>();
      BigInteger total = BigInteger.ONE;
      boolean done = false;
      while (!done && !pool.isEmpty() && picks.size() < MAX_DRAWS) {
        int w = pool.remove((int) Math.floorMod(next(), (long) pool.size()));
        picks.add(w);
        long weight =
            Consensus.weight(TaskKeeper.score(chain.state(), Secp256k1.address(workers.get(w))));
        boolean vote = saboteur(w);
        BigInteger group = groups.getOrDefault(vote, BigInteger.ZERO);
        BigInteger delta = Consensus.delta(group, weight);
        groups.put(vote, group.add(delta));
        total = total.add(delta);
        done = Consensus.reached(groups.get(vote), total, settings.trust());
      }
      drawn.add(picks);
      reached.add(done);
    }
    byte[][] txs = new byte[tasks.size()][];
    List<List<SignedContribution>> batches = signAll(tasks, drawn);
    for (int k = 0; k < tasks.size(); k++) {
      txs[k] =
          chain.tx(
              scheduler,
              Msg.newBuilder()
                  .setContributeBatch(
                      MsgContributeBatch.newBuilder().addAllContributions(batches.get(k)))
                  .build());
    }
    SimMarket.expectOk(chain.block(BLOCK_SECONDS, List.of(txs)), "contribute");
    for (int k = 0; k < tasks.size(); k++) {
      Task task = TaskKeeper.task(chain.state(), tasks.get(k)).orElseThrow();
      if (task.getStatus() != TaskStatus.TASK_STATUS_REVEALING) {
        if (reached.get(k)) {
          throw new IllegalStateException("the scheduler's replay and the chain disagree");
        }
        continue;
      }
      List<Integer> won = new ArrayList<>();
      boolean wrongWon =
          task.getConsensusValue()
              .equals(ResultBinding.resultHash(tasks.get(k), digest(tasks.get(k), false)));
      for (int w : drawn.get(k)) {
        if (saboteur(w) == wrongWon) {
          won.add(w);
        }
      }
      winners.put(tasks.get(k), won);
    }
    return winners;
  }

  /** Signs every drawn worker's contribution, in parallel (signing is off-chain work). */
  private List<List<SignedContribution>> signAll(
      List<ByteString> tasks, List<List<Integer>> drawn) {
    return IntStream.range(0, tasks.size())
        .parallel()
        .mapToObj(
            k -> {
              List<SignedContribution> batch = new ArrayList<>();
              for (int w : drawn.get(k)) {
                batch.add(
                    ContributionSigning.sign(
                        CHAIN,
                        tasks.get(k),
                        digest(tasks.get(k), !saboteur(w)),
                        ByteString.EMPTY,
                        workers.get(w)));
              }
              return batch;
            })
        .toList();
  }

  /** Honest verifiers answer every open check of these tasks until none waits for them. */
  private void verify(SimChain chain, Iterable<ByteString> tasks) {
    TreeMap<Address, BigInteger> keys = new TreeMap<>();
    for (BigInteger v : verifiers) {
      keys.put(Secp256k1.address(v), v);
    }
    for (int round = 0; round < 4; round++) {
      // every commit first, then every reveal: a verifier's nonces must follow block order
      List<byte[]> commits = new ArrayList<>();
      List<byte[]> reveals = new ArrayList<>();
      List<ByteString> open = new ArrayList<>();
      for (ByteString t : tasks) {
        Optional<SpotCheck> check = Schema.CHECKS.get(chain.state(), t);
        if (check.isPresent() && check.get().getOutcome() == CheckOutcome.CHECK_OUTCOME_OPEN) {
          open.add(t);
        }
      }
      for (ByteString t : open) {
        ByteString truth = digest(t, true);
        for (VerifierSlot s : Schema.CHECKS.get(chain.state(), t).orElseThrow().getSlotsList()) {
          if (s.getStatus() == SlotStatus.SLOT_STATUS_ASSIGNED) {
            Address v = new Address(s.getVerifier());
            commits.add(
                chain.tx(
                    keys.get(v),
                    Msg.newBuilder()
                        .setVerifierCommit(
                            MsgVerifierCommit.newBuilder()
                                .setTaskId(t)
                                .setResultHash(ResultBinding.resultHash(t, truth))
                                .setResultSeal(ResultBinding.resultSeal(v, t, truth)))
                        .build()));
          }
        }
      }
      for (ByteString t : open) {
        ByteString truth = digest(t, true);
        for (VerifierSlot s : Schema.CHECKS.get(chain.state(), t).orElseThrow().getSlotsList()) {
          if (s.getStatus() == SlotStatus.SLOT_STATUS_ASSIGNED
              || s.getStatus() == SlotStatus.SLOT_STATUS_COMMITTED) {
            reveals.add(
                chain.tx(
                    keys.get(new Address(s.getVerifier())),
                    Msg.newBuilder()
                        .setVerifierReveal(
                            MsgVerifierReveal.newBuilder().setTaskId(t).setResultDigest(truth))
                        .build()));
          }
        }
      }
      if (commits.isEmpty() && reveals.isEmpty()) {
        return;
      }
      SimMarket.expectOk(chain.block(BLOCK_SECONDS, commits), "verifier commit");
      SimMarket.expectOk(chain.block(BLOCK_SECONDS, reveals), "verifier reveal");
    }
  }

  private GenesisState genesis() {
    GenesisState.Builder g = GenesisState.newBuilder().setParams(TxDecoder.defaultParams());
    // Category 0's timeref is long enough that one deal's deadlines cover the whole simulation.
    g.setPoco(
        PocoParamsKeeper.defaults().toBuilder()
            .setCategories(0, Category.newBuilder().setName("sim").setTimerefSeconds(100_000))
            .setSpotCheckPpm(settings.spotCheckPpm())
            .build());
    // the requester locks every task's price at match, the scheduler 30 % of it as its stake
    long forAllTasks = Math.multiplyExact(settings.tasks() + 1_000L, PRICE);
    g.addAccounts(SimMarket.account(appOwner, 1_000 * SimMarket.RLC));
    g.addAccounts(SimMarket.account(scheduler, forAllTasks));
    g.addAccounts(SimMarket.account(requester, forAllTasks));
    for (BigInteger w : workers) {
      g.addAccounts(SimMarket.account(w, 10_000 * SimMarket.RLC));
    }
    for (BigInteger v : verifiers) {
      g.addAccounts(SimMarket.account(v, 10_000 * SimMarket.RLC));
      g.addWorkerScores(
          WorkerScore.newBuilder().setAddress(Secp256k1.address(v).toHex()).setScore(100));
    }
    return g.build();
  }

  private Msg revealBatch(ByteString task, List<Integer> winners) {
    MsgRevealBatch.Builder b = MsgRevealBatch.newBuilder();
    for (int w : winners) {
      b.addReveals(
          RevealItem.newBuilder()
              .setTaskId(task)
              .setWorker(Secp256k1.address(workers.get(w)).bytes())
              .setResultDigest(digest(task, !saboteur(w))));
    }
    return Msg.newBuilder().setRevealBatch(b).build();
  }

  /** The right result of a task, or the one wrong result the saboteurs agree on. */
  static ByteString digest(ByteString task, boolean honest) {
    return Keccak.hash(ByteString.copyFromUtf8(honest ? "right" : "agreed wrong"), task);
  }

  /** The scheduler's draws: keccak256("draw" ‖ counter), deterministic. */
  private long next() {
    byte[] h =
        Keccak.hash(
            "draw".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            ByteBuffer.allocate(8).putLong(draws++).array());
    return ByteBuffer.wrap(h).getLong();
  }
}
