package io.hublink.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.events.AccountLinked;
import io.hublink.events.FailureReason;
import io.hublink.events.LinkFailed;
import io.hublink.events.Purpose;
import io.hublink.events.Role;
import io.hublink.ops.OpsEndpoint;
import io.hublink.ops.OpsResponse;
import io.hublink.ops.OpsServer;
import io.hublink.ops.OpsServerSettings;
import io.hublink.ops.Readiness;
import io.hublink.publisher.notify.NotificationRenderer;
import io.hublink.publisher.ops.OpsPage;
import io.hublink.publisher.ops.OpsState;
import io.hublink.schemas.EventIds;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The publisher's ops page in a real headless Chromium: the page's script fetches the state and renders it; the test
 * asserts on the DOM Chromium leaves, including that text from outcomes is shown as text, never run as markup.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OpsPageChromiumIT {

    @Test
    void should_render_rates_by_reason_clickup_state_lag_webhooks_and_latest_failures() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        OpsState seen = new OpsState(Clock.systemUTC());
        NotificationRenderer renderer = new NotificationRenderer();
        for (int i = 0; i < 7; i++) {
            AccountLinked linked = linked("acc-linked-" + i);
            seen.rendered(linked, renderer.render(linked));
        }
        for (int i = 0; i < 3; i++) {
            LinkFailed failed = failed("acc-bad-" + i, FailureReason.TOKEN_INVALID, "9012345678");
            seen.rendered(failed, renderer.render(failed));
        }
        LinkFailed sneaky = failed("acc-<b>x</b>", FailureReason.WORKSPACE_ID_INVALID, "<img src=x onerror=alert(1)>");
        seen.rendered(sneaky, renderer.render(sneaky));
        OpsPage page = new OpsPage(new OpsPage.Sources(seen, () -> Map.of("hublink-publisher", 0L,
                "hublink-webhooks", 4L), () -> Map.of("t-1", "CLOSED", "t-2", "DISABLED"), Clock.systemUTC()));

        try (OpsServer server = OpsServer.start(OpsServerSettings.onPort(0).withHost("127.0.0.1"), "publisher",
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Readiness.ALWAYS, List.of(
                        OpsEndpoint.of("/", () -> OpsResponse.html(page.html())),
                        OpsEndpoint.of(OpsPage.STATE_PATH, () -> OpsResponse.json(page.json()))))) {

            String dom = chromium.dumpDom("http://127.0.0.1:" + server.port() + "/", 5_000);

            org.jsoup.nodes.Document doc = Jsoup.parse(dom);
            assertThat(doc.body().attr("data-loaded")).as(dom).isEqualTo("true");
            assertThat(rows(doc, "outcomes")).containsExactly(
                    List.of("LINKED", "7", "7", "0.12"),
                    List.of("TOKEN_INVALID", "3", "3", "0.05"),
                    List.of("WORKSPACE_ID_INVALID", "1", "1", "0.02"));
            assertThat(doc.select("#bars div")).hasSize(60);
            assertThat(doc.getElementById("clickup-state").text()).isEqualTo("OK");
            assertThat(rows(doc, "lag")).containsExactly(List.of("hublink-publisher", "0"),
                    List.of("hublink-webhooks", "4"));
            assertThat(rows(doc, "webhooks")).containsExactlyInAnyOrder(List.of("t-1", "CLOSED"),
                    List.of("t-2", "DISABLED"));
            List<List<String>> failures = rows(doc, "failures");
            assertThat(failures).hasSize(4);
            assertThat(failures.get(0)).containsSequence("t-1", "acc-<b>x</b>", "WORKSPACE_ID_INVALID", "false",
                    "<img src=x onerror=alert(1)>");
            assertThat(failures).extracting(row -> row.get(2)).contains("acc-bad-0", "acc-bad-2");
            // shown as text: no element came from the outcome's values
            assertThat(doc.select("#failures img, #failures b")).isEmpty();
        }
    }

    private static List<List<String>> rows(org.jsoup.nodes.Document doc, String table) {
        return doc.select("#" + table + " tbody tr").stream()
                .map(tr -> tr.select("td").stream().map(org.jsoup.nodes.Element::text).toList())
                .toList();
    }

    private static AccountLinked linked(String account) {
        String requestId = UUID.randomUUID().toString();
        return AccountLinked.newBuilder()
                .setEventId(EventIds.outcomeEventId(requestId)).setRequestId(requestId).setTenantId("t-1")
                .setAccountId(account).setWorkspaceId("9012345678").setWorkspaceName("Example")
                .setAuthorizedWorkspaces(List.of()).setUser(null).setRole(Role.OWNER).setTokenFingerprint("fp")
                .setPurpose(Purpose.LINK).setValidatedAt(Instant.now())
                .build();
    }

    private static LinkFailed failed(String account, FailureReason reason, String workspace) {
        String requestId = UUID.randomUUID().toString();
        return LinkFailed.newBuilder()
                .setEventId(EventIds.outcomeEventId(requestId)).setRequestId(requestId).setTenantId("t-1")
                .setAccountId(account).setWorkspaceId(workspace).setReason(reason).setRetryable(false)
                .setProviderCode(null).setUserMessage("advice").setAuthorizedWorkspaces(null)
                .setPurpose(Purpose.LINK).setFailedAt(Instant.now())
                .build();
    }
}
