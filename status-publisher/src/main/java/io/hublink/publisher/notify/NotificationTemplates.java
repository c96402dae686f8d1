package io.hublink.publisher.notify;

import io.hublink.events.FailureReason;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Per-tenant overrides of the notification wording ({@code publisher --templates FILE}), keyed by tenant and by what
 * happened: {@code ACCOUNT_LINKED}, {@code ACCOUNT_INVALIDATED}, or a failure reason ({@code TOKEN_INVALID}, …).
 * Tenant {@code "*"} applies to every tenant without its own entry. Whatever is not overridden keeps the default.
 * Pure: no Kafka, no HTTP.
 */
public final class NotificationTemplates {

    public static final String ANY_TENANT = "*";
    public static final String ACCOUNT_LINKED = "ACCOUNT_LINKED";
    public static final String ACCOUNT_INVALIDATED = "ACCOUNT_INVALIDATED";

    /** What a linked notification can say. */
    public static final Set<String> LINKED_PLACEHOLDERS = ordered("accountId", "workspaceId", "workspaceName",
            "workspaces", "user", "email", "role");
    /** What a failed or invalidated one can say; {@code defaultMessage} is the worker's advice. */
    public static final Set<String> FAILED_PLACEHOLDERS = ordered("accountId", "workspaceId", "workspaces",
            "reason", "providerCode", "defaultMessage");

    /** One override: a title, a message, or both. */
    public record Template(Optional<MessageTemplate> title, Optional<MessageTemplate> message) {
    }

    private final Map<String, Map<String, Template>> byTenant;

    NotificationTemplates(Map<String, Map<String, Template>> byTenant) {
        this.byTenant = Map.copyOf(byTenant);
    }

    public static NotificationTemplates none() {
        return new NotificationTemplates(Map.of());
    }

    /** The keys a tenant's entry may hold: the two kinds and every failure reason. */
    public static Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(ACCOUNT_LINKED);
        keys.add(ACCOUNT_INVALIDATED);
        Arrays.stream(FailureReason.values()).map(Enum::name).forEach(keys::add);
        return Collections.unmodifiableSet(keys);
    }

    /** The placeholders offered under {@code key}. */
    public static Set<String> placeholdersFor(String key) {
        return key.equals(ACCOUNT_LINKED) ? LINKED_PLACEHOLDERS : FAILED_PLACEHOLDERS;
    }

    /** The tenant's own override, else the {@code "*"} one. */
    public Optional<Template> find(String tenantId, String key) {
        Template own = byTenant.getOrDefault(tenantId, Map.of()).get(key);
        return own != null ? Optional.of(own)
                : Optional.ofNullable(byTenant.getOrDefault(ANY_TENANT, Map.of()).get(key));
    }

    public Set<String> tenants() {
        return byTenant.keySet().stream().sorted().collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Set<String> ordered(String... names) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(names)));
    }
}
