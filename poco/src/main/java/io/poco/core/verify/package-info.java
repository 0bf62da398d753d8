/**
 * Spot-checks and challenges (poco.md §6): verifiers registered with a bond re-execute a random
 * share of completed deterministic tasks, or a challenged one, commit and reveal their results, and
 * uphold the consensus or find a fraud that {@link io.poco.core.reversal.TaskReversal} reverses.
 */
package io.poco.core.verify;
