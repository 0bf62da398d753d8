package io.poco.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TomlTest {

  private static final String TEXT =
      """
      # top
      proxy_app = "tcp://127.0.0.1:26658"
      moniker = "a # not a comment"

      [rpc]
      laddr = "tcp://127.0.0.1:26657" # comment
      max = 5

      [p2p]
      laddr = "tcp://0.0.0.0:26656"
      strict = true
      """;

  @Test
  void parsesTablesStringsNumbersAndBooleans() {
    Map<String, String> v = Toml.parse(TEXT);
    assertEquals("tcp://127.0.0.1:26658", v.get("proxy_app"));
    assertEquals("a # not a comment", v.get("moniker"));
    assertEquals("tcp://127.0.0.1:26657", v.get("rpc.laddr"));
    assertEquals("5", v.get("rpc.max"));
    assertEquals("true", v.get("p2p.strict"));
  }

  @Test
  void setChangesOnlyTheKeyOfThatTable() {
    String out = Toml.set(TEXT, "p2p", "laddr", Toml.quote("tcp://127.0.0.1:1"));
    Map<String, String> v = Toml.parse(out);
    assertEquals("tcp://127.0.0.1:1", v.get("p2p.laddr"));
    assertEquals("tcp://127.0.0.1:26657", v.get("rpc.laddr"));
    assertTrue(out.contains("# top"));
  }

  @Test
  void missingKeysAndBadLinesAreReported() {
    assertThrows(IllegalArgumentException.class, () -> Toml.set(TEXT, "rpc", "nope", "1"));
    assertThrows(IllegalArgumentException.class, () -> Toml.parse("[broken"));
    assertThrows(IllegalArgumentException.class, () -> Toml.parse("novalue"));
  }

  @Test
  void appConfigRoundTrips() {
    AppConfig config = AppConfig.defaults().withKeyringBackend("test");
    Map<String, String> v = Toml.parse(config.toToml());
    assertEquals("127.0.0.1:9090", v.get("grpc.address"));
    assertEquals("test", v.get("keyring.backend"));
  }
}
