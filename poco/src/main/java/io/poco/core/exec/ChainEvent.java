package io.poco.core.exec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An indexed event (type plus ordered attributes), mapped to ABCI events by consensus. */
public record ChainEvent(String type, List<Attribute> attributes) {

  /** One key/value attribute of an event. */
  public record Attribute(String key, String value) {}

  public ChainEvent {
    attributes = List.copyOf(attributes);
  }

  public static Builder of(String type) {
    return new Builder(type);
  }

  /** Collects attributes in the order they are added. */
  public static final class Builder {
    private final String type;
    private final List<Attribute> attributes = new ArrayList<>();

    private Builder(String type) {
      this.type = type;
    }

    public Builder attr(String key, Object value) {
      attributes.add(new Attribute(key, String.valueOf(value)));
      return this;
    }

    public ChainEvent build() {
      return new ChainEvent(type, Collections.unmodifiableList(attributes));
    }
  }
}
