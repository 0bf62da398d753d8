package io.poco.core.task;

import io.poco.core.crypto.Address;
import io.poco.proto.v1.Contribution;

/** A contribution with the worker it belongs to. */
public record WorkerContribution(Address worker, Contribution contribution) {}
