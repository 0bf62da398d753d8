/**
 * Task rounds of poco.md §3–§4: initialize, contribute (alone or batched by the scheduler),
 * credibility-weighted consensus, reveal, reopen, finalize, claim and the trust-1 fast path.
 */
package io.poco.core.task;
