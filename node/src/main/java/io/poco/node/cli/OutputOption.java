package io.poco.node.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

/** {@code --output text|json}: one JSON object on stdout, or lines for people. */
public final class OutputOption {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The formats. */
  public enum Format {
    text,
    json
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      defaultValue = "text")
  Format format;

  public boolean json() {
    return format == Format.json;
  }

  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** Prints {@code node} as JSON, or as "key: value" lines. */
  public void print(ObjectNode node) {
    if (json()) {
      try {
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      return;
    }
    node.properties()
        .forEach(
            e ->
                System.out.println(
                    e.getKey()
                        + ": "
                        + (e.getValue().isTextual() ? e.getValue().asText() : e.getValue())));
  }
}
