package io.poco.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poco.node.cli.PocodCommand;
import io.poco.node.keys.KeyStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The staking commands on a node made by {@code pocod init}: its genesis validator is listed with
 * the stake {@code init} bonded, {@code poco tx validator stake|edit|unbond} change it as the query
 * shows, a validator that would leave the set empty keeps the chain running, and bad arguments exit
 * with code 2 and a message.
 */
class ValidatorCliIT {

  private static final long RLC = 1_000_000_000L;
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void theStakingCommandsWorkOnARealNode() throws Exception {
    try (NodeFixture node = new NodeFixture(dir, "validator-cli-it")) {
      node.start();
      node.awaitHeight(2, WAIT);
      String operator = new KeyStore(node.home().keyring()).show("validator").address().toHex();

      JsonNode all = json(node, "query", "validators");
      assertEquals(1, all.path("validators").size());
      JsonNode v = all.path("validators").get(0);
      assertEquals(operator, v.path("operator").asText());
      assertEquals("active", v.path("status").asText());
      assertEquals("10000", v.path("power").asText());
      assertEquals(Long.toString(10_000 * RLC), v.path("bonded").asText());

      tx(node, "stake", "--amount", "5RLC");
      tx(node, "edit", "--moniker", "renamed");
      JsonNode after = json(node, "query", "validator", "validator", "--home", home(node));
      assertEquals(Long.toString(10_005 * RLC), after.path("bonded").asText());
      assertEquals("10005", after.path("power").asText());
      assertEquals("renamed", after.path("moniker").asText());

      // A second validator from a new key, created through the CLI (it never signs: 1 RLC of
      // power against 10 005 keeps the chain live).
      assertEquals(
          0,
          new CommandLine(new PocodCommand())
              .execute("keys", "add", "second", "--home", home(node), "--keyring-backend", "test"));
      String second = new KeyStore(node.home().keyring()).show("second").address().toHex();
      NodeFixture.Result funded =
          node.poco(
              withNode(
                  node,
                  "tx",
                  "send",
                  "--from",
                  "validator",
                  "--home",
                  home(node),
                  "--to",
                  second,
                  "--amount",
                  "10RLC"));
      assertEquals(0, funded.exit(), funded.err());
      String pubkey = Base64.getEncoder().encodeToString(new byte[32]);
      NodeFixture.Result created =
          node.poco(
              withNode(
                  node,
                  "tx",
                  "validator",
                  "create",
                  "--from",
                  "second",
                  "--home",
                  home(node),
                  "--consensus-pubkey",
                  pubkey,
                  "--moniker",
                  "second",
                  "--amount",
                  "1RLC"));
      assertEquals(0, created.exit(), created.err() + created.out());
      JsonNode both = json(node, "query", "validators");
      assertEquals(2, both.path("validators").size());
      JsonNode made = json(node, "query", "validator", second);
      assertEquals("1", made.path("power").asText());
      assertEquals(second, made.path("bridge_address").asText());

      // Partial unbonding: an entry, slashable until it matures in 21 days.
      tx(node, "unbond", "--amount", "5RLC");
      JsonNode out = json(node, "query", "validator", operator);
      assertEquals(Long.toString(10_000 * RLC), out.path("bonded").asText());
      assertEquals(1, out.path("unbonding").size());
      assertEquals(Long.toString(5 * RLC), out.path("unbonding").get(0).path("balance").asText());
      JsonNode supply = json(node, "query", "supply");
      assertEquals("ok", supply.path("audit").asText());
      assertEquals(Long.toString(10_006 * RLC), supply.path("staked").asText());

      NodeFixture.Result badKey =
          node.poco(
              withNode(
                  node,
                  "tx",
                  "validator",
                  "create",
                  "--from",
                  "validator",
                  "--home",
                  home(node),
                  "--moniker",
                  "x",
                  "--amount",
                  "1RLC",
                  "--consensus-pubkey",
                  "bm90IGEga2V5")); // "not a key"
      assertEquals(2, badKey.exit(), badKey.err());
      assertTrue(badKey.err().contains("32 bytes"), badKey.err());
      NodeFixture.Result unknown =
          node.poco(withNode(node, "query", "validator", "0x" + "12".repeat(20)));
      assertNotEquals(0, unknown.exit());
      assertTrue(unknown.err().contains("operates no validator"), unknown.err());
    }
  }

  private static String[] withNode(NodeFixture node, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--node", node.grpcTarget(), "--output", "json"));
    return all.toArray(String[]::new);
  }

  private static String home(NodeFixture node) {
    return node.home().root().toString();
  }

  private static JsonNode json(NodeFixture node, String... args) throws Exception {
    NodeFixture.Result r = node.poco(withNode(node, args));
    assertEquals(0, r.exit(), r.err() + r.out());
    return JSON.readTree(r.out());
  }

  private static void tx(NodeFixture node, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("tx", "validator"));
    all.addAll(List.of(args));
    all.addAll(List.of("--from", "validator", "--home", home(node)));
    NodeFixture.Result r = node.poco(withNode(node, all.toArray(String[]::new)));
    assertEquals(0, r.exit(), r.err() + r.out());
  }
}
