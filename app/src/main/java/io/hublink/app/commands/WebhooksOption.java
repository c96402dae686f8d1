package io.hublink.app.commands;

import io.hublink.app.ConfigurationException;
import io.hublink.publisher.webhooks.WebhookEndpoints;
import io.hublink.publisher.webhooks.WebhooksFileReader;
import java.nio.file.Path;

/**
 * Loads {@code --webhooks FILE}. Where the webhook secrets reader of the secrets work (issue 5) plugs in: replace
 * {@link WebhooksFileReader#read} with its targets mapped to {@code WebhookEndpoint}s.
 */
final class WebhooksOption {

    private WebhooksOption() {
    }

    static WebhookEndpoints load(Path file) {
        try {
            return WebhooksFileReader.read(file);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }
}
