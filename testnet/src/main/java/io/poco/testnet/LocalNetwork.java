package io.poco.testnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.poco.core.crypto.Address;
import io.poco.node.comet.CometBinary;
import io.poco.node.comet.CometPorts;
import io.poco.node.comet.TestnetGenerator;
import io.poco.node.config.GenesisBuilder;
import io.poco.node.config.NodeHome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

/**
 * N validators on loopback, made by {@code pocod testnet}'s generator on a free range of ports,
 * each node an application process and a CometBFT process that the harness starts, stops, kills and
 * restarts one by one. {@link #checkAgreement()} compares block hashes and app hashes at every
 * common height. {@link #close()} kills every process and, unless asked to keep it, removes the
 * directory.
 */
public final class LocalNetwork implements AutoCloseable {

  /** Options of a network; {@link #defaults()} gives 4 pocod validators, 500 ms commits. */
  public record Options(
      int validators,
      AppKind kind,
      String chainId,
      String timeoutCommit,
      int accounts,
      boolean keepDirectory,
      List<String> appJvmOptions) {

    public Options {
      appJvmOptions = List.copyOf(appJvmOptions);
    }

    public static Options defaults() {
      return new Options(4, AppKind.POCOD, "poco-testnet", "500ms", 64, false, List.of());
    }

    public Options withValidators(int n) {
      return new Options(n, kind, chainId, timeoutCommit, accounts, keepDirectory, appJvmOptions);
    }

    public Options withKind(AppKind k) {
      return new Options(
          validators, k, chainId, timeoutCommit, accounts, keepDirectory, appJvmOptions);
    }

    public Options withTimeoutCommit(String t) {
      return new Options(validators, kind, chainId, t, accounts, keepDirectory, appJvmOptions);
    }

    public Options withAccounts(int n) {
      return new Options(validators, kind, chainId, timeoutCommit, n, keepDirectory, appJvmOptions);
    }

    public Options withChainId(String id) {
      return new Options(
          validators, kind, id, timeoutCommit, accounts, keepDirectory, appJvmOptions);
    }

    public Options keepingDirectory(boolean keep) {
      return new Options(validators, kind, chainId, timeoutCommit, accounts, keep, appJvmOptions);
    }

    /**
     * JVM options for every pocod the network starts, after the harness's own and before those of
     * {@code POCO_APP_JAVA_OPTS}; {@code {node}} in an option is replaced by the node's index.
     */
    public Options withAppJvmOptions(List<String> options) {
      return new Options(
          validators, kind, chainId, timeoutCommit, accounts, keepDirectory, options);
    }
  }

  private final Path dir;
  private final Options options;
  private final List<LocalNode> nodes;
  private final Map<Integer, Map<Long, BlockRecord>> seen = new ConcurrentHashMap<>();

  private final Thread killOnExit;

  private LocalNetwork(Path dir, Options options, List<LocalNode> nodes) {
    this.dir = dir;
    this.options = options;
    this.nodes = nodes;
    this.killOnExit = new Thread(() -> nodes.forEach(LocalNode::killAll), "local-network-kill");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /**
   * Generates the homes in {@code dir} (which must be empty or absent) on a free range of loopback
   * ports; nothing is started yet.
   */
  public static LocalNetwork create(Path dir, Options options) throws IOException {
    return create(dir, options, 0, genesis -> {});
  }

  /**
   * Like {@link #create(Path, Options)}, with {@code fullNodes} more nodes after the validators
   * (operated by {@link TestAccounts#validatorKey} of their index, funded, not staked) and the
   * genesis adjusted by {@code customize} (e.g. short staking windows).
   */
  public static LocalNetwork create(
      Path dir, Options options, int fullNodes, Consumer<GenesisBuilder> customize)
      throws IOException {
    if (options.validators() < 1 || options.validators() + fullNodes > 64 || fullNodes < 0) {
      throw new IllegalArgumentException("validators must be between 1 and 64");
    }
    Path cometbft = CometBinary.locate(null);
    Path abciCli = options.kind() == AppKind.KVSTORE ? locateAbciCli() : null;
    GenesisBuilder genesis = new GenesisBuilder();
    for (int i = 0; i < options.accounts(); i++) {
      genesis.fund(TestAccounts.address(i), TestAccounts.BALANCE);
    }
    List<Address> operators = new ArrayList<>();
    for (int i = 0; i < options.validators() + fullNodes; i++) {
      if (i < options.validators()) {
        operators.add(TestAccounts.validatorAddress(i));
      }
      genesis.fund(TestAccounts.validatorAddress(i), TestAccounts.BALANCE);
    }
    customize.accept(genesis);
    int total = options.validators() + fullNodes;
    int base = freeBasePort(total);
    List<NodeHome> homes =
        new TestnetGenerator(cometbft)
            .generate(
                dir,
                options.chainId(),
                total,
                operators,
                TestAccounts.VALIDATOR_STAKE,
                base,
                options.timeoutCommit(),
                genesis);
    List<LocalNode> nodes = new ArrayList<>();
    for (int i = 0; i < homes.size(); i++) {
      CometPorts ports = TestnetGenerator.portsOf(base, i);
      nodes.add(
          new LocalNode(
              i, homes.get(i), ports, options.kind(), options.appJvmOptions(), cometbft, abciCli));
    }
    return new LocalNetwork(dir, options, nodes);
  }

  /** {@code abci-cli}: {@code $POCO_ABCI_CLI}, else {@code .tools/bin/abci-cli}, else the PATH. */
  public static Path locateAbciCli() {
    String env = System.getenv("POCO_ABCI_CLI");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String root = System.getProperty("poco.root", System.getenv("POCO_ROOT"));
    if (root != null && !root.isBlank()) {
      Path tool = Path.of(root, ".tools", "bin", "abci-cli");
      if (Files.isExecutable(tool)) {
        return tool;
      }
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String d : path.split(":")) {
        Path candidate = Path.of(d, "abci-cli");
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException(
        "abci-cli not found: run 'make tools' (installs it into .tools/bin) or set POCO_ABCI_CLI");
  }

  public Options options() {
    return options;
  }

  public Path directory() {
    return dir;
  }

  public List<LocalNode> nodes() {
    return nodes;
  }

  public LocalNode node(int i) {
    return nodes.get(i);
  }

  public int size() {
    return nodes.size();
  }

  /** Stops every node gracefully (SIGTERM), CometBFT before its application. */
  public void stop() {
    for (LocalNode n : nodes) {
      n.stop();
    }
  }

  /** Starts every node. */
  public void start() throws IOException {
    for (LocalNode n : nodes) {
      n.start();
    }
  }

  /** Waits until every listed node (every node if none) has committed {@code height}. */
  public void awaitHeight(long height, Duration timeout, int... which) {
    int[] idx = which.length == 0 ? allIndexes() : which;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      boolean all = true;
      for (int i : idx) {
        if (nodes.get(i).height() < height) {
          all = false;
          break;
        }
      }
      if (all) {
        return;
      }
      if (System.nanoTime() > deadline) {
        StringBuilder msg =
            new StringBuilder("timed out after " + timeout + " waiting for height " + height);
        for (int i : idx) {
          msg.append("\nnode").append(i).append(" at ").append(nodes.get(i).height());
        }
        for (int i : idx) {
          msg.append('\n').append(nodes.get(i).tailLogs(20));
        }
        throw new AssertionError(msg.toString());
      }
      LocalNode.sleep(200);
    }
  }

  /** Heights of every node (-1 for a node that does not answer). */
  public long[] heights() {
    long[] h = new long[nodes.size()];
    for (int i = 0; i < h.length; i++) {
      h[i] = nodes.get(i).height();
    }
    return h;
  }

  /** The highest height any node reports. */
  public long maxHeight() {
    long max = -1;
    for (long h : heights()) {
      max = Math.max(max, h);
    }
    return max;
  }

  /** What node {@code i} reports for {@code height} (cached: committed blocks never change). */
  public BlockRecord block(int i, long height) throws IOException {
    Map<Long, BlockRecord> cache = seen.computeIfAbsent(i, k -> new ConcurrentHashMap<>());
    BlockRecord cached = cache.get(height);
    if (cached != null) {
      return cached;
    }
    JsonNode r = nodes.get(i).rpc().block(height);
    List<String> txs = new ArrayList<>();
    for (JsonNode tx : r.path("block").path("data").path("txs")) {
      txs.add(txHash(Base64.getDecoder().decode(tx.asText())));
    }
    BlockRecord b =
        new BlockRecord(
            height,
            r.path("block_id").path("hash").asText(),
            r.path("block").path("header").path("app_hash").asText(),
            List.copyOf(txs));
    cache.put(height, b);
    return b;
  }

  /**
   * Compares every answering node's block hash and app hash at every height from 1 to the lowest of
   * their heights; returns how many heights were compared.
   *
   * @throws AssertionError naming the first height where two nodes differ
   */
  public Agreement checkAgreement() throws IOException {
    List<Integer> live = new ArrayList<>();
    long common = Long.MAX_VALUE;
    for (LocalNode n : nodes) {
      long h = n.height();
      if (h >= 0) {
        live.add(n.index());
        common = Math.min(common, h);
      }
    }
    if (live.isEmpty()) {
      throw new AssertionError("no node answers");
    }
    for (long h = 1; h <= common; h++) {
      BlockRecord first = block(live.get(0), h);
      for (int k = 1; k < live.size(); k++) {
        BlockRecord other = block(live.get(k), h);
        if (!first.blockHash().equals(other.blockHash())
            || !first.appHash().equals(other.appHash())) {
          throw new AssertionError(
              "fork at height "
                  + h
                  + ": node"
                  + live.get(0)
                  + " "
                  + first
                  + " vs node"
                  + live.get(k)
                  + " "
                  + other);
        }
      }
    }
    return new Agreement(live.size(), common);
  }

  /** Result of {@link #checkAgreement()}: how many nodes agreed on how many heights. */
  public record Agreement(int nodes, long heights) {}

  /**
   * Finds the height at which a transaction was committed, looking at node {@code i}'s blocks from
   * {@code from}; -1 if absent up to its current height.
   */
  public long findTx(int i, String txHash, long from) throws IOException {
    long top = nodes.get(i).height();
    for (long h = Math.max(1, from); h <= top; h++) {
      if (block(i, h).txHashes().contains(txHash)) {
        return h;
      }
    }
    return -1;
  }

  /** Whether every node's height satisfies {@code test} (e.g. stays put while halted). */
  public boolean allHeights(LongPredicate test, int... which) {
    for (int i : which.length == 0 ? allIndexes() : which) {
      if (!test.test(nodes.get(i).height())) {
        return false;
      }
    }
    return true;
  }

  private int[] allIndexes() {
    int[] idx = new int[nodes.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    return idx;
  }

  /** Upper-case hex SHA-256 of a transaction, as CometBFT names it. */
  public static String txHash(byte[] tx) {
    try {
      return HexFormat.of()
          .withUpperCase()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(tx));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** First port the harness picks from. */
  static final int PORT_FLOOR = 20_000;

  /** Linux's ephemeral range starts here: outgoing connections may take any port above. */
  static final int EPHEMERAL_START = 32_768;

  /**
   * A base port with {@code 10 × validators} free loopback ports above it, all below the ephemeral
   * range (an outgoing connection could otherwise take a node's port between the check and the
   * node's start).
   */
  static int freeBasePort(int validators) {
    int slots = (EPHEMERAL_START - PORT_FLOOR - 10 * validators) / 10;
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = PORT_FLOOR + 10 * ThreadLocalRandom.current().nextInt(slots);
      if (rangeFree(base, 10 * validators)) {
        return base;
      }
    }
    throw new IllegalStateException("no free range of " + 10 * validators + " loopback ports");
  }

  private static boolean rangeFree(int base, int count) {
    for (int p = base; p < base + count; p++) {
      try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
        s.setReuseAddress(true);
      } catch (IOException taken) {
        return false;
      }
    }
    return true;
  }

  /** Kills every process; removes the directory unless the options keep it. */
  @Override
  public void close() {
    for (LocalNode n : nodes) {
      n.killAll();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException exiting) {
      // the JVM is already shutting down: the hook runs anyway
    }
    if (!options.keepDirectory()) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // best effort: a temporary directory
      }
    }
  }
}
