package io.poco.core.params;

import io.poco.core.exec.Schema;
import io.poco.proto.v1.Category;
import io.poco.proto.v1.PocoParams;
import io.poco.state.KeyValueReader;
import java.util.OptionalLong;

/** Reads the PoCo parameters; the defaults are those of poco.md §2. */
public final class PocoParamsKeeper {

  private PocoParamsKeeper() {}

  /** The default reversal window: 14 days (poco.md §7). */
  public static final long DEFAULT_REVERSAL_WINDOW = 1_209_600L;

  /** The reversal window in seconds (poco.md §7). */
  public static long reversalWindow(KeyValueReader state) {
    PocoParams params = get(state);
    return params.hasReversalWindowSeconds()
        ? params.getReversalWindowSeconds()
        : DEFAULT_REVERSAL_WINDOW;
  }

  public static PocoParams defaults() {
    return PocoParams.newBuilder()
        .addCategories(category("XS", 300))
        .addCategories(category("S", 1_200))
        .addCategories(category("M", 3_600))
        .addCategories(category("L", 10_800))
        .addCategories(category("XL", 36_000))
        .setReversalWindowSeconds(DEFAULT_REVERSAL_WINDOW)
        .build();
  }

  public static PocoParams get(KeyValueReader state) {
    return Schema.POCO_PARAMS.get(state, Schema.SINGLETON).orElseGet(PocoParamsKeeper::defaults);
  }

  /** The reference time of {@code category}, or empty when there is no such category. */
  public static OptionalLong timeref(KeyValueReader state, long category) {
    PocoParams params = get(state);
    if (category < 0 || category >= params.getCategoriesCount()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(params.getCategories((int) category).getTimerefSeconds());
  }

  private static Category category(String name, long timeref) {
    return Category.newBuilder().setName(name).setTimerefSeconds(timeref).build();
  }
}
