/**
 * The running node: wires the store, the application, the ABCI, gRPC and metrics servers and
 * CometBFT.
 */
package io.poco.node;
