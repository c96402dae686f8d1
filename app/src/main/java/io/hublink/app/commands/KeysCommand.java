package io.hublink.app.commands;

import io.hublink.schemas.envelope.Keyring;
import io.hublink.schemas.envelope.KeyringFile;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Keyring handling for two-phase rotation: {@code add} a key (not yet used for sealing), deploy the file to every
 * instance, then {@code activate} it. Every command writes the file with mode 0600, atomically, and prints key ids
 * only, never a key.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Keyring handling (two-phase rotation).",
        subcommands = {KeysCommand.Generate.class, KeysCommand.Add.class, KeysCommand.Activate.class})
public final class KeysCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a keys command is required: generate, add or activate");
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Writes a new keyring (mode 0600) whose one key is active, ready for request and worker.")
    static final class Generate extends Subcommand {

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write it (must not exist).")
        Path out;

        @Override
        int run() {
            Keyring keyring = Keyring.generate();
            KeyringFile.writeNew(out, keyring);
            out().println("wrote " + out + " (active key " + keyring.activeKeyId() + ")");
            return 0;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Adds a new, not yet active key. Deploy the file everywhere, then activate the key.")
    static final class Add extends Subcommand {

        @Option(names = "--keys", paramLabel = "FILE", defaultValue = "${env:HUBLINK_KEYS_FILE}",
                description = "The keyring file. Env: HUBLINK_KEYS_FILE.")
        Path keys;

        @Override
        int run() {
            Keyring before = KeyringOption.load(keys);
            Keyring after = before.withNewKey();
            String added = after.keyIds().stream().filter(id -> !before.keyIds().contains(id)).findFirst().orElseThrow();
            KeyringFile.write(keys, after);
            out().println("added key " + added + " (not active: run 'hublink keys activate " + added
                    + " --keys " + keys + "' once every instance has this file)");
            return 0;
        }
    }

    @Command(name = "activate", mixinStandardHelpOptions = true,
            description = "Makes a key the one that encrypts; every key in the file still decrypts.")
    static final class Activate extends Subcommand {

        @Parameters(index = "0", paramLabel = "KID", description = "The key id to activate.")
        String keyId;

        @Option(names = "--keys", paramLabel = "FILE", defaultValue = "${env:HUBLINK_KEYS_FILE}",
                description = "The keyring file. Env: HUBLINK_KEYS_FILE.")
        Path keys;

        @Override
        int run() {
            Keyring keyring = KeyringOption.load(keys).activate(keyId);
            KeyringFile.write(keys, keyring);
            out().println("activated key " + keyId);
            return 0;
        }
    }
}
