package io.poco.core.economics;

import io.poco.core.crypto.Address;

/** What settlement needs to know about one contribution of a task. */
public record Contributor(Address worker, boolean proved, int rewardWeight, long stake) {}
