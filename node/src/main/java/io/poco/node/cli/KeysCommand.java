package io.poco.node.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poco.node.keys.KeyInfo;
import io.poco.node.keys.KeyStore;
import io.poco.node.keys.KeyStoreException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code pocod keys add|list|show}. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Manage the secp256k1 account keys of the key store (<home>/keyring).",
    subcommands = {KeysCommand.Add.class, KeysCommand.ListKeys.class, KeysCommand.Show.class})
final class KeysCommand {

  static ObjectNode describe(KeyInfo key) {
    ObjectNode o = OutputOption.object();
    o.put("name", key.name());
    o.put("address", key.address().toHex());
    o.put("backend", key.backend().name().toLowerCase(Locale.ROOT));
    return o;
  }

  static UsageException usage(KeyStoreException e) {
    return new UsageException(e.getMessage());
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Generate a new key and store it (mode 0600).")
  static final class Add implements Callable<Integer> {
    @Mixin HomeOption home;
    @Mixin KeyringOptions keyring;
    @Mixin OutputOption output;

    @Parameters(paramLabel = "NAME", description = "Name of the new key.")
    String name;

    @Override
    public Integer call() {
      try {
        KeyInfo key =
            new KeyStore(home.nodeHome().keyring())
                .create(name, keyring.backend(), keyring.newPassphrase());
        output.print(describe(key));
        return ExitCodes.OK;
      } catch (KeyStoreException e) {
        throw usage(e);
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List stored keys.")
  static final class ListKeys implements Callable<Integer> {
    @Mixin HomeOption home;
    @Mixin OutputOption output;

    @Override
    public Integer call() {
      try {
        List<KeyInfo> keys = new KeyStore(home.nodeHome().keyring()).list();
        if (output.json()) {
          ObjectNode o = OutputOption.object();
          ArrayNode arr = o.putArray("keys");
          keys.forEach(k -> arr.add(describe(k)));
          output.print(o);
        } else {
          keys.forEach(k -> System.out.println(k.name() + "\t" + k.address().toHex()));
        }
        return ExitCodes.OK;
      } catch (KeyStoreException e) {
        throw usage(e);
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a key's address.")
  static final class Show implements Callable<Integer> {
    @Mixin HomeOption home;
    @Mixin OutputOption output;

    @Parameters(paramLabel = "NAME", description = "Name of the key.")
    String name;

    @Override
    public Integer call() {
      try {
        output.print(describe(new KeyStore(home.nodeHome().keyring()).show(name)));
        return ExitCodes.OK;
      } catch (KeyStoreException e) {
        throw usage(e);
      }
    }
  }
}
