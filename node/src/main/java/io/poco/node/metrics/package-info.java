/** Prometheus metrics of the application, served on loopback by default. */
package io.poco.node.metrics;
