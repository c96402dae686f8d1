package io.hublink.app.commands;

import io.hublink.app.ConfigurationException;
import io.hublink.schemas.envelope.Keyring;
import io.hublink.schemas.envelope.KeyringFile;
import java.nio.file.Path;

/** Loads the keyring named by {@code --keys}, turning its problems into one configuration line. */
final class KeyringOption {

    private KeyringOption() {
    }

    static Keyring load(Path keys) {
        if (keys == null) {
            throw new ConfigurationException("keys: missing (flag --keys FILE or HUBLINK_KEYS_FILE)");
        }
        try {
            return KeyringFile.read(keys);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }
}
