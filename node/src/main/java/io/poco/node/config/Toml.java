package io.poco.node.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The subset of TOML that {@code app.toml} and CometBFT's {@code config.toml} need: tables, and
 * keys with string, integer or boolean values. Reading flattens to {@code "table.key"}; patching
 * rewrites one value in place and keeps every comment and line around it.
 */
public final class Toml {

  private Toml() {}

  /** Parses into {@code "table.key" → raw value} (strings unquoted); throws on a bad line. */
  public static Map<String, String> parse(String text) {
    Map<String, String> values = new TreeMap<>();
    String table = "";
    int lineNo = 0;
    for (String raw : text.split("\n", -1)) {
      lineNo++;
      String line = stripComment(raw).strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("[")) {
        if (!line.endsWith("]")) {
          throw new IllegalArgumentException("line " + lineNo + ": unterminated table header");
        }
        table = line.substring(1, line.length() - 1).strip();
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("line " + lineNo + ": expected key = value");
      }
      String key = line.substring(0, eq).strip();
      String value = unquote(line.substring(eq + 1).strip(), lineNo);
      values.put(table.isEmpty() ? key : table + "." + key, value);
    }
    return values;
  }

  /**
   * Replaces the value of {@code key} in {@code table} ("" for the top level) with the literal
   * {@code tomlValue} (already quoted if a string); throws when the key is not there.
   */
  public static String set(String text, String table, String key, String tomlValue) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    String current = "";
    for (int i = 0; i < lines.size(); i++) {
      String line = stripComment(lines.get(i)).strip();
      if (line.startsWith("[") && line.endsWith("]")) {
        current = line.substring(1, line.length() - 1).strip();
        continue;
      }
      int eq = line.indexOf('=');
      if (current.equals(table) && eq > 0 && line.substring(0, eq).strip().equals(key)) {
        lines.set(i, key + " = " + tomlValue);
        return String.join("\n", lines);
      }
    }
    throw new IllegalArgumentException(
        "no key '" + key + "' in table [" + table + "] of the configuration");
  }

  public static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String stripComment(String line) {
    boolean inString = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
        inString = !inString;
      } else if (c == '#' && !inString) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static String unquote(String value, int lineNo) {
    if (value.startsWith("\"")) {
      if (value.length() < 2 || !value.endsWith("\"")) {
        throw new IllegalArgumentException("line " + lineNo + ": unterminated string");
      }
      return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return value;
  }
}
