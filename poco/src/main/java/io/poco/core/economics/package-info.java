/**
 * PoCo money: escrow in the accounts' {@code locked} field, the kitty, and the settlement of a task
 * (poco.md §5) computed in one pure function and applied in one place.
 */
package io.poco.core.economics;
