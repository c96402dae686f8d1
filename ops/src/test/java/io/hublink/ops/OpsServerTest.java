package io.hublink.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpsServerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void should_serve_prometheus_text_with_hublink_names() throws Exception {
        Counter.builder("hublink.outcomes").tag("reason", "TOKEN_INVALID").register(registry).increment(3);
        try (OpsServer server = start(Readiness.ALWAYS)) {
            HttpResponse<String> metrics = get(server, "/metrics");

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValue(OpsResponse.PROMETHEUS_TEXT);
            assertThat(metrics.body()).contains("hublink_outcomes_total{reason=\"TOKEN_INVALID\"} 3.0");
        }
    }

    @Test
    void should_answer_ready_503_until_the_check_passes_and_live_always() throws Exception {
        AtomicBoolean joined = new AtomicBoolean();
        Readiness readiness = () -> joined.get() ? Readiness.Status.ready("ready: joined")
                : Readiness.Status.notReady("not ready: not joined yet");
        try (OpsServer server = start(readiness)) {
            assertThat(get(server, "/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> before = get(server, "/health/ready");
            assertThat(before.statusCode()).isEqualTo(503);
            assertThat(before.body()).isEqualTo("not ready: not joined yet\n");

            joined.set(true);

            assertThat(get(server, "/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void should_serve_extra_pages_and_404_elsewhere_and_hide_failures() throws Exception {
        List<OpsEndpoint> pages = List.of(OpsEndpoint.of("/", () -> OpsResponse.html("<p>ops</p>")),
                OpsEndpoint.of("/broken", () -> {
                    throw new IllegalStateException("secret detail");
                }));
        try (OpsServer server = OpsServer.start(OpsServerSettings.onPort(0).withHost("127.0.0.1"), "test", registry,
                Readiness.ALWAYS, pages)) {
            assertThat(get(server, "/").body()).isEqualTo("<p>ops</p>");
            assertThat(get(server, "/nothing").statusCode()).isEqualTo(404);
            HttpResponse<String> broken = get(server, "/broken");
            assertThat(broken.statusCode()).isEqualTo(500);
            assertThat(broken.body()).doesNotContain("secret detail");
        }
    }

    @Test
    void should_refuse_a_port_in_use_with_one_line_naming_the_setting() {
        try (OpsServer first = start(Readiness.ALWAYS)) {
            assertThatThrownBy(() -> OpsServer.start(OpsServerSettings.onPort(first.port()).withHost("127.0.0.1"),
                    "test", registry, Readiness.ALWAYS, List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("ops-port " + first.port() + ": cannot listen")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void should_refuse_out_of_range_ports() {
        assertThatThrownBy(() -> OpsServerSettings.onPort(70_000)).hasMessageStartingWith("ops-port: must be");
    }

    private OpsServer start(Readiness readiness) {
        return OpsServer.start(OpsServerSettings.onPort(0).withHost("127.0.0.1"), "test", registry, readiness,
                List.of());
    }

    private HttpResponse<String> get(OpsServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
