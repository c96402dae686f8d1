package io.hublink.app.commands;

import io.hublink.app.ConfigurationException;
import io.hublink.publisher.webhooks.WebhookEndpoint;
import io.hublink.publisher.webhooks.WebhookEndpoints;
import io.hublink.publisher.webhooks.WebhookSecretsFile;
import io.hublink.publisher.webhooks.WebhookTarget;
import io.hublink.publisher.webhooks.WebhookTargets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Loads {@code --webhooks FILE} with the secrets file's rules (0600 discipline, https, 1 or 2 long secrets). */
final class WebhooksOption {

    private WebhooksOption() {
    }

    static WebhookEndpoints load(Path file) {
        WebhookTargets targets;
        try {
            targets = WebhookSecretsFile.read(file);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        List<WebhookEndpoint> endpoints = targets.tenants().stream()
                .map(tenant -> targets.forTenant(tenant).orElseThrow())
                .map(WebhooksOption::endpoint)
                .collect(Collectors.toList());
        return WebhookEndpoints.of(endpoints);
    }

    private static WebhookEndpoint endpoint(WebhookTarget target) {
        return new WebhookEndpoint(target.tenantId(), target.url(), target.secrets());
    }
}
