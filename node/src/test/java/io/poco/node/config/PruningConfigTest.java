package io.poco.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code [pruning]} table of app.toml and its defaults (chain.md §2). */
class PruningConfigTest {

  @TempDir Path dir;

  @Test
  void theDefaultsKeepTheRecent100000HeightsEveryTenThousandthAndEveryBlock() throws IOException {
    Map<String, String> v = Toml.parse(AppConfig.defaults().toToml());
    assertEquals("100000", v.get("pruning.keep_recent"));
    assertEquals("10000", v.get("pruning.keep_every"));
    assertEquals("false", v.get("pruning.prune_blocks"));

    // an app.toml without the table (an older home) gets the same defaults
    Path file = dir.resolve("app.toml");
    Files.writeString(file, "[keyring]\nbackend = \"test\"\n");
    AppConfig read = AppConfig.load(file);
    assertEquals(100_000, read.pruningKeepRecent());
    assertEquals(10_000, read.pruningKeepEvery());
    assertFalse(read.pruneBlocks());
  }

  @Test
  void anOperatorEditIsReadAndABadValueNamesItsKey() throws IOException {
    Path file = dir.resolve("app.toml");
    String text = AppConfig.defaults().toToml();
    text = Toml.set(text, "pruning", "keep_recent", "0");
    text = Toml.set(text, "pruning", "prune_blocks", "true");
    Files.writeString(file, text);
    AppConfig read = AppConfig.load(file);
    assertEquals(0, read.pruningKeepRecent());
    assertTrue(read.pruneBlocks());

    Files.writeString(file, Toml.set(text, "pruning", "prune_blocks", "yes"));
    IOException e = assertThrows(IOException.class, () -> AppConfig.load(file));
    assertTrue(e.getMessage().contains("pruning.prune_blocks"), e.getMessage());
  }
}
