/** Local networks on loopback, workload generators and the demo. */
package io.poco.testnet;
