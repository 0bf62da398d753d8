package io.poco.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Renders a protobuf record for people and scripts: field names as in the .proto, bytes as 0x-hex
 * (ids, addresses, hashes), enums by name, 64-bit integers as strings.
 */
final class ProtoJson {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ProtoJson() {}

  static ObjectNode toJson(Message message) {
    ObjectNode out = F.objectNode();
    for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
      FieldDescriptor field = e.getKey();
      if (field.isRepeated()) {
        ArrayNode array = out.putArray(field.getName());
        for (Object item : (List<?>) e.getValue()) {
          array.add(value(field, item));
        }
      } else {
        out.set(field.getName(), value(field, e.getValue()));
      }
    }
    return out;
  }

  private static JsonNode value(FieldDescriptor field, Object v) {
    return switch (field.getJavaType()) {
      case BYTE_STRING ->
          F.textNode("0x" + HexFormat.of().formatHex(((ByteString) v).toByteArray()));
      case ENUM -> F.textNode(((EnumValueDescriptor) v).getName());
      case MESSAGE -> toJson((Message) v);
      case LONG ->
          F.textNode(
              field.getType() == FieldDescriptor.Type.UINT64
                      || field.getType() == FieldDescriptor.Type.FIXED64
                  ? Long.toUnsignedString((Long) v)
                  : Long.toString((Long) v));
      case INT -> F.numberNode((Integer) v);
      case BOOLEAN -> F.booleanNode((Boolean) v);
      case STRING -> F.textNode((String) v);
      default -> F.textNode(String.valueOf(v));
    };
  }
}
