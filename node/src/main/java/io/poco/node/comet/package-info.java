/**
 * Everything about the CometBFT process: locating the binary, initialising its home, supervising it
 * as a child process and talking to its RPC.
 */
package io.poco.node.comet;
