package io.poco.bridge.eth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poco.bridge.Keccak;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.web3j.utils.Numeric;

/**
 * A contract compiled by forge: its ABI (for the names of its custom errors) and its creation
 * bytecode, read from {@code <out>/<Name>.sol/<Name>.json}.
 */
public record ContractArtifact(String name, Map<String, String> errorsBySelector, byte[] bytecode) {
  /** System property naming forge's output directory; else {@code poco.root} or POCO_ROOT. */
  public static final String OUT_DIR_PROPERTY = "poco.bridge.contracts.out";

  /** Copies the map and the bytecode. */
  public ContractArtifact {
    errorsBySelector = Map.copyOf(errorsBySelector);
    bytecode = bytecode.clone();
  }

  /** The creation bytecode (a copy). */
  @Override
  public byte[] bytecode() {
    return bytecode.clone();
  }

  /**
   * forge's output directory: the system property {@value #OUT_DIR_PROPERTY}, else {@code
   * <poco.root>/bridge-eth/contracts/out} (system property {@code poco.root} or env POCO_ROOT).
   */
  public static Path defaultOutDir() {
    String explicit = System.getProperty(OUT_DIR_PROPERTY);
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String root = System.getProperty("poco.root", System.getenv("POCO_ROOT"));
    if (root == null || root.isBlank()) {
      throw new IllegalStateException(
          "set -D" + OUT_DIR_PROPERTY + " or -Dpoco.root (or POCO_ROOT) to find the contracts");
    }
    return Path.of(root, "bridge-eth", "contracts", "out");
  }

  /** Loads {@code name} (e.g. "PocoBridge") from the default output directory. */
  public static ContractArtifact load(String name) {
    return load(defaultOutDir(), name);
  }

  /** Loads {@code <outDir>/<name>.sol/<name>.json}. */
  public static ContractArtifact load(Path outDir, String name) {
    Path file = outDir.resolve(name + ".sol").resolve(name + ".json");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          file + " is missing: compile the contracts first (bridge-eth/contracts/forge.sh build)");
    }
    try {
      JsonNode json = new ObjectMapper().readTree(file.toFile());
      String code = json.path("bytecode").path("object").asText("");
      if (code.isEmpty() || code.equals("0x")) {
        throw new IllegalStateException(file + " has no bytecode");
      }
      return new ContractArtifact(
          name, errors(json.path("abi")), Numeric.hexStringToByteArray(code));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static Map<String, String> errors(JsonNode abi) {
    Map<String, String> errors = new TreeMap<>();
    for (JsonNode entry : abi) {
      if ("error".equals(entry.path("type").asText())) {
        String name = entry.path("name").asText();
        String signature = name + "(" + String.join(",", types(entry.path("inputs"))) + ")";
        errors.put(HexFormat.of().formatHex(Keccak.selector(signature)), name);
      }
    }
    return errors;
  }

  private static List<String> types(JsonNode inputs) {
    List<String> types = new ArrayList<>();
    for (JsonNode input : inputs) {
      String type = input.path("type").asText();
      if (type.startsWith("tuple")) {
        type = "(" + String.join(",", types(input.path("components"))) + ")" + type.substring(5);
      }
      types.add(type);
    }
    return types;
  }
}
