package io.hublink.app.commands;

import io.hublink.app.ConfigurationException;
import io.hublink.publisher.notify.NotificationTemplates;
import io.hublink.publisher.notify.TemplatesFile;
import java.nio.file.Path;

/** Loads {@code --templates FILE}, turning its problems into one configuration line. */
final class TemplatesOption {

    private TemplatesOption() {
    }

    static NotificationTemplates load(Path file) {
        if (file == null) {
            return NotificationTemplates.none();
        }
        try {
            return TemplatesFile.read(file);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }
}
