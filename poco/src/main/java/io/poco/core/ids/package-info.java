/**
 * PoCo identifiers and signing domains: registry ids, order hashes, deal and task ids, as pure
 * functions of their inputs (poco.md §1, §3; invariant 9).
 */
package io.poco.core.ids;
