package io.poco.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code [state_sync]} table {@code pocod init} writes into app.toml. */
class StateSyncConfigTest {

  @TempDir Path dir;

  @Test
  void theWrittenAppTomlHasAStateSyncTableThatParsesBackToTheDefaults() throws IOException {
    Path file = dir.resolve("app.toml");
    Files.writeString(file, AppConfig.defaults().withKeyringBackend("test").toToml());
    String text = Files.readString(file);
    assertTrue(text.contains("\n[state_sync]\n"), text);
    Map<String, String> v = Toml.parse(text);
    assertEquals("0", v.get("state_sync.snapshot_interval"));
    assertEquals("2", v.get("state_sync.snapshot_keep"));
    assertEquals(StateSyncConfig.defaults(), StateSyncConfig.load(file));
    assertEquals(new StateSyncConfig(0, 2), StateSyncConfig.load(file));
    assertEquals(AppConfig.defaults().withKeyringBackend("test"), AppConfig.load(file));
  }

  @Test
  void anOperatorEditOfTheWrittenTableIsRead() throws IOException {
    Path file = dir.resolve("app.toml");
    String text = AppConfig.defaults().toToml();
    text = Toml.set(text, "state_sync", "snapshot_interval", "1000");
    text = Toml.set(text, "state_sync", "snapshot_keep", "3");
    Files.writeString(file, text);
    assertEquals(new StateSyncConfig(1000, 3), StateSyncConfig.load(file));
    Files.writeString(file, Toml.set(text, "state_sync", "snapshot_keep", "0"));
    IOException e = assertThrows(IOException.class, () -> StateSyncConfig.load(file));
    assertTrue(e.getMessage().contains("snapshot_keep"), e.getMessage());
  }
}
