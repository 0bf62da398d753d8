/**
 * The market of poco.md §1: orders signed off-chain, {@code matchOrders} with its rules, deals and
 * the escrow locked at match, and order cancellation.
 */
package io.poco.core.market;
