/** PoCo parameters: the work categories of poco.md §2 and the genesis import of scores. */
package io.poco.core.params;
