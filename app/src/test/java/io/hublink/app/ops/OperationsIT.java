package io.hublink.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hublink.app.testing.HublinkProcesses;
import io.hublink.app.testing.HublinkProcesses.Child;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker and publisher as an operator runs them (each its own JVM from the jar, with {@code --ops-port 0}): both
 * answer {@code /health/ready} 200 once they joined their groups, and after real traffic {@code /metrics} shows the
 * outcomes by reason, the ClickUp latency histogram, the breaker state, validations in flight, consumer lag and the
 * notifications, all named {@code hublink_…}, none carrying a token or an id.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class OperationsIT {

    static final String JANE = "pk_81234567_OPSITJANE00000000000000000000000000";
    static final String SECRET_ONE = "whsec-tenant-one-0123456789";
    static final String SECRET_TWO_OLD = "whsec-tenant-two-old-0123456789";
    static final String SECRET_TWO_NEW = "whsec-tenant-two-new-0123456789";
    static final String REVOKED = "pk_81234567_OPSITREVOKED000000000000000000000000";

    private static final Pattern OPS_PORT = Pattern.compile("ops server listening on http://[^:]+:(\\d+)");
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newHttpClient();
    private final HublinkProcesses processes = new HublinkProcesses();
    private final List<WebhookReceiver> receivers = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopAll() throws Exception {
        processes.close();
        for (WebhookReceiver receiver : receivers) {
            receiver.close();
        }
    }

    @Test
    void should_serve_health_and_metrics_and_deliver_each_tenant_its_signed_webhooks() throws Exception {
        Path scenario = dir.resolve("scenario.json");
        Files.writeString(scenario, "{\"accounts\":[{\"token\":\"" + JANE + "\",\"user\":{\"id\":1,\"username\":"
                + "\"Jane\",\"email\":\"jane@example.com\"},\"workspaces\":[{\"id\":\"9012345678\",\"name\":"
                + "\"Example\",\"role\":1}]}],\"revokedTokens\":[\"" + REVOKED + "\"],\"latencyMs\":5}");
        Path requests = dir.resolve("requests.jsonl");
        Files.writeString(requests, String.join("\n",
                line("t-1", "acc-1", JANE, "9012345678"),
                line("t-1", "acc-2", REVOKED, "9012345678"),
                line("t-2", "acc-3", JANE, "https://app.clickup.com/9012345678/home"),
                line("t-2", "acc-4", "", "9012345678"),
                line("t-2", "acc-5", JANE, "1111111111")) + "\n");
        Path keys = dir.resolve("keys.json");
        WebhookReceiver tenantOne = receiver();
        WebhookReceiver tenantTwo = receiver();
        Path webhooks = dir.resolve("webhooks.json");
        Files.writeString(webhooks, "{\"tenants\": {"
                + "\"t-1\": {\"url\": \"" + tenantOne.url() + "\", \"secrets\": [\"" + SECRET_ONE + "\"]},"
                + "\"t-2\": {\"url\": \"" + tenantTwo.url() + "\", \"secrets\": [\"" + SECRET_TWO_OLD + "\", \""
                + SECRET_TWO_NEW + "\"]}}}");
        Files.setPosixFilePermissions(webhooks, PosixFilePermissions.fromString("rw-------"));
        Path templates = dir.resolve("templates.json");
        Files.writeString(templates, "{\"tenants\": {\"t-2\": {\"TOKEN_MALFORMED\": {"
                + "\"title\": \"Paste your ClickUp token again\", \"message\": \"({reason}) {defaultMessage}\"}}}}");

        String bootstrap = afterPrefix(start("broker"), "READY bootstrap=");
        String clickup = afterPrefix(start("clickup-sim", "--scenario", scenario.toString()), "READY url=");
        assertThat(start("keys", "generate", "--out", keys.toString()).awaitExit(EXIT_TIMEOUT)).isZero();
        Child worker = start("worker", "--bootstrap-servers", bootstrap, "--clickup-url", clickup, "--keys",
                keys.toString(), "--instance-id", "w1", "--ops-port", "0");
        Child publisher = start("publisher", "--bootstrap-servers", bootstrap, "--instance-id", "p1",
                "--ops-port", "0", "--webhooks", webhooks.toString(), "--templates", templates.toString());
        int workerOps = opsPort(worker);
        int publisherOps = opsPort(publisher);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(get(workerOps, "/health/ready").statusCode()).isEqualTo(200);
            assertThat(get(publisherOps, "/health/ready").statusCode()).isEqualTo(200);
        });
        assertThat(get(workerOps, "/health/live").statusCode()).isEqualTo(200);

        assertThat(start("request", "--bootstrap-servers", bootstrap, "--keys", keys.toString(), "--file",
                requests.toString()).awaitExit(EXIT_TIMEOUT)).isZero();

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(sum(get(publisherOps, "/metrics").body(), "hublink_notifications_total")).isEqualTo(5));
        String workerMetrics = get(workerOps, "/metrics").body();
        String publisherMetrics = get(publisherOps, "/metrics").body();

        assertThat(value(workerMetrics, "hublink_outcomes_total{outcome=\"linked\",reason=\"none\"}")).isEqualTo(2);
        assertThat(value(workerMetrics, "hublink_outcomes_total{outcome=\"failed\",reason=\"TOKEN_INVALID\"}"))
                .isEqualTo(1);
        assertThat(value(workerMetrics, "hublink_outcomes_total{outcome=\"failed\",reason=\"TOKEN_MALFORMED\"}"))
                .isEqualTo(1);
        assertThat(value(workerMetrics,
                "hublink_outcomes_total{outcome=\"failed\",reason=\"WORKSPACE_NOT_AUTHORIZED\"}")).isEqualTo(1);
        assertThat(workerMetrics).contains("hublink_clickup_call_seconds_bucket{endpoint=\"team\",result=\"2xx\",le=");
        assertThat(value(workerMetrics, "hublink_clickup_call_seconds_count{endpoint=\"team\",result=\"4xx\"}"))
                .isEqualTo(1);
        assertThat(value(workerMetrics, "hublink_clickup_breaker_state{state=\"CLOSED\"}")).isEqualTo(1);
        assertThat(value(workerMetrics, "hublink_clickup_breaker_state{state=\"OPEN\"}")).isZero();
        assertThat(value(workerMetrics, "hublink_validations_in_flight")).isZero();
        assertThat(value(workerMetrics, "hublink_consumer_lag{group=\"hublink-worker\"}")).isZero();
        assertThat(value(workerMetrics, "hublink_consumer_assigned_partitions{group=\"hublink-worker\"}"))
                .isEqualTo(6);
        assertThat(value(workerMetrics, "hublink_records_committed_total{direction=\"in\",group=\"hublink-worker\"}"))
                .isEqualTo(5);
        assertThat(value(publisherMetrics,
                "hublink_notifications_total{kind=\"LINK_FAILED\",reason=\"TOKEN_INVALID\"}")).isEqualTo(1);
        assertThat(value(publisherMetrics, "hublink_consumer_lag{group=\"hublink-publisher\"}")).isZero();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(tenantOne.received()).hasSize(2);
            assertThat(tenantTwo.received()).hasSize(3);
        });
        for (WebhookReceiver.Delivery delivery : tenantOne.received()) {
            assertThat(delivery.bodyText()).contains("\"tenantId\":\"t-1\"");
            assertThat(WebhookReceiver.verifies(SECRET_ONE, delivery)).isTrue();
            assertThat(WebhookReceiver.verifies(SECRET_TWO_OLD, delivery)).isFalse();
        }
        for (WebhookReceiver.Delivery delivery : tenantTwo.received()) {
            assertThat(delivery.bodyText()).contains("\"tenantId\":\"t-2\"");
            assertThat(WebhookReceiver.verifies(SECRET_TWO_OLD, delivery)).isTrue();
            assertThat(WebhookReceiver.verifies(SECRET_TWO_NEW, delivery)).isTrue();
        }
        assertThat(tenantTwo.received()).filteredOn(d -> d.bodyText().contains("\"reason\":\"TOKEN_MALFORMED\""))
                .singleElement().satisfies(d -> assertThat(d.bodyText())
                        .contains("\"title\":\"Paste your ClickUp token again\"")
                        .contains("\"message\":\"(TOKEN_MALFORMED) "));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(value(get(publisherOps, "/metrics")
                .body(), "hublink_webhook_deliveries_total{reason=\"none\",result=\"delivered\",tenant=\"t-2\"}"))
                .isEqualTo(3));
        publisherMetrics = get(publisherOps, "/metrics").body();
        assertThat(value(publisherMetrics, "hublink_consumer_assigned_partitions{group=\"hublink-webhooks\"}"))
                .isPositive();

        for (String metrics : List.of(workerMetrics, publisherMetrics)) {
            assertThat(metricNames(metrics)).allMatch(name -> name.startsWith("hublink_"));
            assertThat(metrics).doesNotContain("OPSIT").doesNotContain("acc-").doesNotContain("9012345678")
                    .doesNotContain("whsec");
            // tenant ids appear only as the tenant label of webhook metrics (the webhooks file's own list)
            assertThat(metrics.replaceAll("tenant=\"t-[12]\"", "")).doesNotContain("t-1").doesNotContain("t-2");
        }
        // the publisher's ops page, rendered by a real browser
        Optional<HeadlessChromium> chromium = HeadlessChromium.ifInstalled();
        if (chromium.isPresent()) {
            Document page = Jsoup.parse(chromium.get().dumpDom("http://127.0.0.1:" + publisherOps + "/", 5_000));
            assertThat(page.body().attr("data-loaded")).isEqualTo("true");
            assertThat(cells(page, "outcomes", 0, 2)).containsEntry("LINKED", "2").containsEntry("TOKEN_INVALID", "1")
                    .containsEntry("TOKEN_MALFORMED", "1").containsEntry("WORKSPACE_NOT_AUTHORIZED", "1");
            assertThat(cells(page, "webhooks", 0, 1)).containsEntry("t-1", "CLOSED").containsEntry("t-2", "CLOSED");
            assertThat(cells(page, "lag", 0, 1)).containsEntry("hublink-publisher", "0")
                    .containsEntry("hublink-webhooks", "0");
            assertThat(page.select("#failures tbody tr")).hasSize(3);
            assertThat(page.getElementById("clickup-state").text()).isEqualTo("OK");
            assertThat(page.outerHtml()).doesNotContain("whsec").doesNotContain("OPSIT");
        }

        Child redrive = start("webhooks", "redrive", "--bootstrap-servers", bootstrap, "--tenant", "t-1");
        assertThat(redrive.awaitExit(EXIT_TIMEOUT)).isZero();
        assertThat(redrive.stdout()).containsExactly("webhooks redrive: parked=0 redriven=0");

        processes.close(); // every process stops as in production, so its last lines are searched too
        for (Child process : processes.all()) {
            assertThat(process.allOutput()).as(process.name()).doesNotContain("OPSIT").doesNotContain("whsec");
        }
    }

    private WebhookReceiver receiver() throws Exception {
        WebhookReceiver receiver = new WebhookReceiver();
        receivers.add(receiver);
        return receiver;
    }

    /** Column {@code key} → column {@code value} of a rendered table's rows. */
    static Map<String, String> cells(Document page, String table, int key, int value) {
        Map<String, String> cells = new TreeMap<>();
        for (Element row : page.select("#" + table + " tbody tr")) {
            cells.put(row.child(key).text(), row.child(value).text());
        }
        return cells;
    }

    static String line(String tenant, String account, String token, String workspace) {
        return "{\"tenantId\":\"" + tenant + "\",\"accountId\":\"" + account + "\",\"token\":\"" + token
                + "\",\"workspace\":\"" + workspace + "\"}";
    }

    private Child start(String... args) throws Exception {
        return processes.start(args);
    }

    private static String afterPrefix(Child process, String prefix) throws InterruptedException {
        return process.awaitLine(prefix).substring(prefix.length());
    }

    /** The port of the "ops server listening on" log line. */
    private static int opsPort(Child process) throws InterruptedException {
        return Integer.parseInt(process.awaitStderr(OPS_PORT).group(1));
    }

    HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one exact series, e.g. {@code name{a="b"}}; fails when it is not there. */
    static double value(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no series " + series + " in\n" + metrics);
    }

    /** The sum of every series of a metric. */
    static double sum(String metrics, String name) {
        double total = 0;
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$").matcher(metrics);
        while (m.find()) {
            total += Double.parseDouble(m.group(2));
        }
        return total;
    }

    static List<String> metricNames(String metrics) {
        List<String> names = new ArrayList<>();
        for (String line : metrics.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }
}
