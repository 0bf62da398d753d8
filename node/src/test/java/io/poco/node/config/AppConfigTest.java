package io.poco.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {

  @TempDir Path dir;

  @Test
  void theWrittenFileReadsBackToTheDefaultsWithItsStateSyncSection() throws Exception {
    Path file = dir.resolve("app.toml");
    Files.writeString(file, AppConfig.defaults().toToml());
    assertEquals(AppConfig.defaults(), AppConfig.load(file));
    assertEquals(new StateSyncConfig(0, 2), StateSyncConfig.load(file));
    String edited = Toml.set(Files.readString(file), "state_sync", "snapshot_interval", "1000");
    Files.writeString(file, edited);
    assertEquals(new StateSyncConfig(1000, 2), StateSyncConfig.load(file));
  }
}
