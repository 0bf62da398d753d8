/** The node's gRPC services (TxService, QueryService) and the server that hosts them. */
package io.poco.node.grpc;
