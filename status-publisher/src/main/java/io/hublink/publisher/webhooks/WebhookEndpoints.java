package io.hublink.publisher.webhooks;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The webhook endpoint of each tenant that has one; the delivery looks a notification's endpoint up by the
 * notification's own {@code tenantId} and nothing else, so tenant A's endpoint never receives tenant B's
 * notifications. Tenants without an endpoint get no webhook.
 */
public final class WebhookEndpoints {

    private final Map<String, WebhookEndpoint> byTenant;

    private WebhookEndpoints(Map<String, WebhookEndpoint> byTenant) {
        this.byTenant = Map.copyOf(byTenant);
    }

    public static WebhookEndpoints of(Iterable<WebhookEndpoint> endpoints) {
        Map<String, WebhookEndpoint> map = new java.util.LinkedHashMap<>();
        for (WebhookEndpoint endpoint : endpoints) {
            if (map.put(endpoint.tenantId(), endpoint) != null) {
                throw new IllegalArgumentException("webhooks: tenant " + endpoint.tenantId() + " is listed twice");
            }
        }
        return new WebhookEndpoints(map);
    }

    public static WebhookEndpoints none() {
        return new WebhookEndpoints(Map.of());
    }

    public Optional<WebhookEndpoint> forTenant(String tenantId) {
        return Optional.ofNullable(byTenant.get(tenantId));
    }

    public Set<String> tenants() {
        return new TreeSet<>(byTenant.keySet());
    }

    @Override
    public String toString() {
        return "WebhookEndpoints" + tenants();
    }
}
