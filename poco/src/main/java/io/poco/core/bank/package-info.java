/** RLC transfers between accounts. */
package io.poco.core.bank;
