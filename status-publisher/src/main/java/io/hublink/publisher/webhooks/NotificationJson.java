package io.hublink.publisher.webhooks;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonFactory;
import io.hublink.events.LinkNotification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The webhook body: the notification's fields as one JSON object, camelCase, in the schema's order, enums as their
 * names, {@code reason} null when absent, {@code occurredAt} in ISO-8601 UTC. Deterministic: the same notification
 * always gives the same bytes, so a delivery re-read after a restart or a re-drive is byte-identical too.
 */
public final class NotificationJson {

    private static final JsonFactory JSON = new JsonFactory();

    private NotificationJson() {
    }

    public static byte[] bytes(LinkNotification n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("notificationId", n.getNotificationId());
            json.writeStringField("sourceEventId", n.getSourceEventId());
            json.writeStringField("requestId", n.getRequestId());
            json.writeStringField("tenantId", n.getTenantId());
            json.writeStringField("accountId", n.getAccountId());
            json.writeStringField("kind", n.getKind().name());
            json.writeStringField("reason", n.getReason() == null ? null : n.getReason().name());
            json.writeStringField("severity", n.getSeverity().name());
            json.writeStringField("title", n.getTitle());
            json.writeStringField("message", n.getMessage());
            json.writeStringField("occurredAt", n.getOccurredAt().toString());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
