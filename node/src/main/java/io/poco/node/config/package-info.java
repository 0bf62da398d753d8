/** The node's home directory layout and its configuration file {@code config/app.toml}. */
package io.poco.node.config;
