/**
 * The reversal window's enforcement (poco.md §7): reversing a task whose consensus was found wrong,
 * and backtracking over the other in-window tasks of the workers it caught.
 */
package io.poco.core.reversal;
