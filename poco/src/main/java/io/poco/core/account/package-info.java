/** Accounts and their balances: the only code that moves nRLC, with overflow-checked arithmetic. */
package io.poco.core.account;
