/**
 * The ABCI 2.0 socket server that CometBFT v0.38 connects to: unsigned-varint length framing,
 * pipelined requests answered in order, flush on request, one application behind all connections.
 */
package io.poco.consensus.abci;
