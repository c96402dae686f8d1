package io.hublink.publisher.webhooks;

import java.net.URI;
import java.util.Objects;

/** Where a tenant's notifications are POSTed, and the secrets that sign them. Its string form shows no secret. */
public record WebhookTarget(String tenantId, URI url, WebhookSecrets secrets) {

    public WebhookTarget {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secrets, "secrets");
    }
}
