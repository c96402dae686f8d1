package io.hublink.publisher.webhooks;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The webhook of each tenant that has one; tenants without are not notified by webhook. */
public final class WebhookTargets {

    private final Map<String, WebhookTarget> byTenant;

    WebhookTargets(Map<String, WebhookTarget> byTenant) {
        this.byTenant = Map.copyOf(byTenant);
    }

    public static WebhookTargets none() {
        return new WebhookTargets(Map.of());
    }

    public Optional<WebhookTarget> forTenant(String tenantId) {
        return Optional.ofNullable(byTenant.get(tenantId));
    }

    public Set<String> tenants() {
        return byTenant.keySet();
    }

    @Override
    public String toString() {
        return "WebhookTargets" + new java.util.TreeSet<>(byTenant.keySet());
    }
}
