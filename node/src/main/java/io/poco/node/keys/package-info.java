/**
 * The key store: secp256k1 account keys in files of mode 0600, encrypted with a passphrase (scrypt
 * + AES-256-GCM) or, for local networks only, in the clear ({@code test} backend).
 */
package io.poco.node.keys;
