package io.hublink.publisher.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hublink.events.FailureReason;
import io.hublink.events.LinkNotification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The signature and the body as receivers see them, pinned to vectors computed independently (Python's hmac). */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class WebhookSigningTest {

    private static final byte[] BODY = "{\"notificationId\":\"n-1\",\"title\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void should_sign_timestamp_dot_body_with_the_utf8_bytes_of_each_secret_in_order() {
        // python3: hmac.new(secret.encode(), b"1700000000." + body, hashlib.sha256).hexdigest()
        String header = WebhookSecrets.of(List.of("whsec-test-secret-0001", "sécret-ü-0002"))
                .signatureHeader(1_700_000_000L, BODY);

        assertThat(header).isEqualTo("v1=520d3ae230fca697439f578a9f626e88769bb741d377de0c25a1fd2f8c2dfde2,"
                + "v1=42f605fb6c06cb00490fe8efbc48841e3e34551603243ddbba326542a9e972cf");
    }

    @Test
    void should_never_show_its_secrets() {
        WebhookSecrets signer = WebhookSecrets.of(List.of("whsec-test-secret-0001"));
        WebhookEndpoint endpoint = new WebhookEndpoint("t-1",
                java.net.URI.create("https://hooks.example.com/path/with-receiver-secret"), signer);

        assertThat(signer.toString()).doesNotContain("whsec");
        assertThat(endpoint.toString()).isEqualTo("WebhookEndpoint[tenant=t-1, https://hooks.example.com]")
                .doesNotContain("receiver-secret");
        assertThatThrownBy(() -> WebhookSecrets.of(List.of("a", "b", "c"))).hasMessage("1 to 2 secrets, not 3");
    }

    @Test
    void should_render_the_same_notification_to_the_same_bytes_with_null_reason_and_utf8() {
        LinkNotification linked = WebhooksIT.notification("t-1", "acc-1", null);
        LinkNotification failed = WebhooksIT.notification("t-1", "acc-1", FailureReason.TOKEN_INVALID);

        byte[] once = NotificationJson.bytes(linked);

        assertThat(NotificationJson.bytes(LinkNotification.newBuilder(linked).build())).isEqualTo(once);
        String json = new String(once, StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"notificationId\":\"" + linked.getNotificationId() + "\",")
                .contains("\"reason\":null").contains("Zoë").contains("\"occurredAt\":\"2026-12-03T10:15:30.123Z\"}");
        assertThat(new String(NotificationJson.bytes(failed), StandardCharsets.UTF_8))
                .contains("\"kind\":\"LINK_FAILED\",\"reason\":\"TOKEN_INVALID\"");
    }

    @Test
    void should_back_off_exponentially_with_up_to_half_jitter_and_a_cap() {
        WebhookSettings settings = WebhookSettings.ofDefaults();

        assertThat(settings.retryAfter(1, 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.retryAfter(1, 0.999)).isBetween(Duration.ofMillis(500), Duration.ofMillis(501));
        assertThat(settings.retryAfter(2, 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.retryAfter(4, 0.0)).isEqualTo(Duration.ofSeconds(8));
        assertThat(settings.retryAfter(30, 0.0)).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.retryAfter(30, 0.5)).isEqualTo(Duration.ofSeconds(225));
        assertThatThrownBy(() -> settings.withRetries(Duration.ZERO, Duration.ofSeconds(1), 3))
                .hasMessage("webhooks first retry: must be positive, was PT0S");
    }
}
