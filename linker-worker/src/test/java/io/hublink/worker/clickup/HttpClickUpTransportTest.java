package io.hublink.worker.clickup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hublink.schemas.SecretToken;
import io.hublink.worker.testing.ScriptedHttpServer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.pool.PoolStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** The HTTP adapter against a real loopback server (Jetty, from the testkit's dependencies). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpClickUpTransportTest {

    private static final String TOKEN = "pk_12345678_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE";

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private ScriptedHttpServer server() throws Exception {
        ScriptedHttpServer server = new ScriptedHttpServer();
        toClose.add(server);
        return server;
    }

    private HttpClickUpTransport transport(ClickUpHttpConfig config) {
        HttpClickUpTransport transport = new HttpClickUpTransport(config);
        toClose.add(transport);
        return transport;
    }

    private HttpClickUpTransport transport(ScriptedHttpServer server) {
        return transport(ClickUpHttpConfig.ofDefaults(URI.create(server.url())));
    }

    @Test
    void should_send_the_token_raw_as_authorization_and_return_status_body_and_rate_headers() throws Exception {
        // given
        ScriptedHttpServer server = server().answer(200, "{\"teams\":[]}".getBytes(StandardCharsets.UTF_8),
                Map.of("X-RateLimit-Reset", "1767225660", "X-Other", "ignored"));
        HttpClickUpTransport transport = transport(server);

        // when
        ClickUpResponse response;
        try (SecretToken token = SecretToken.of(TOKEN)) {
            response = transport.get("/api/v2/team", Optional.of(token)).join();
        }

        // then
        assertThat(server.seen()).containsExactly(new ScriptedHttpServer.Seen("/api/v2/team", Optional.of(TOKEN)));
        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"teams\":[]}");
        assertThat(response.header("x-ratelimit-reset")).contains("1767225660");
        assertThat(response.headers()).doesNotContainKey("X-Other");
    }

    @Test
    void should_speak_http2_by_prior_knowledge_to_a_cleartext_server_that_offers_it() throws Exception {
        // given
        ScriptedHttpServer server = ScriptedHttpServer.withH2c().answer(200, "{\"user\":{}}");
        toClose.add(server);
        HttpClickUpTransport transport = transport(server);

        // when
        List<CompletableFuture<ClickUpResponse>> calls = new ArrayList<>();
        try (SecretToken token = SecretToken.of(TOKEN)) {
            for (int i = 0; i < 20; i++) {
                calls.add(transport.get("/api/v2/user", Optional.of(token)));
            }
        }
        calls.forEach(call -> assertThat(call.join().status()).isEqualTo(200));

        // then
        assertThat(server.versions()).hasSize(20).containsOnly("HTTP/2.0");
        assertThat(transport.cleartextHttp2()).isEqualTo(CleartextHttp2.State.SPOKEN);
        assertThat(server.seen()).allSatisfy(seen -> assertThat(seen.authorization()).contains(TOKEN));
    }

    @Test
    void should_fall_back_to_http1_for_good_when_a_cleartext_server_does_not_speak_http2() throws Exception {
        // given a server that speaks HTTP/1.1 only
        ScriptedHttpServer server = server().answer(200, "{\"teams\":[]}");
        HttpClickUpTransport transport = transport(server);

        // when: the first calls race the discovery, later ones come after it
        List<CompletableFuture<ClickUpResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(transport.get("/api/v2/team", Optional.empty()));
        }
        calls.forEach(call -> assertThat(call.join().status()).isEqualTo(200));
        ClickUpResponse later = transport.get("/api/v2/team", Optional.empty()).join();

        // then every call was answered, each exactly once, over HTTP/1.1
        assertThat(later.status()).isEqualTo(200);
        assertThat(server.versions()).hasSize(6).containsOnly("HTTP/1.1");
        assertThat(transport.cleartextHttp2()).isEqualTo(CleartextHttp2.State.REFUSED);
    }

    @Test
    void should_keep_to_http1_when_told_to() throws Exception {
        // given
        ScriptedHttpServer server = ScriptedHttpServer.withH2c().answer(200, "{}");
        toClose.add(server);
        HttpClickUpTransport transport = transport(ClickUpHttpConfig.ofDefaults(URI.create(server.url()))
                .withVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1));

        // when
        transport.get("/api/v2/team", Optional.empty()).join();

        // then
        assertThat(server.versions()).containsExactly("HTTP/1.1");
    }

    @Test
    void should_cut_a_hung_http2_call_at_its_deadline_and_keep_the_connection_for_the_others() throws Exception {
        // given
        ScriptedHttpServer server = ScriptedHttpServer.withH2c().answer(200, "{}");
        toClose.add(server);
        HttpClickUpTransport transport = transport(ClickUpHttpConfig.ofDefaults(URI.create(server.url()))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(2),
                        Duration.ofMillis(300)));
        transport.get("/api/v2/team", Optional.empty()).join();

        // when one call hangs
        server.hang();
        CompletableFuture<ClickUpResponse> hung = transport.get("/api/v2/team", Optional.empty());

        // then it times out, and the next call on the same connection is answered
        assertThatThrownBy(hung::join).cause().isInstanceOf(ClickUpTransportException.class)
                .satisfies(e -> assertThat(((ClickUpTransportException) e).kind())
                        .isEqualTo(ClickUpTransportException.Kind.TIMEOUT));
        await().atMost(Duration.ofSeconds(2)).until(() -> transport.exchangesInProgress() == 0);
        server.answer(200, "{}");
        assertThat(transport.get("/api/v2/user", Optional.empty()).join().status()).isEqualTo(200);
        assertThat(server.versions()).containsOnly("HTTP/2.0");
    }

    @Test
    void should_send_no_authorization_header_for_the_probe() throws Exception {
        // given
        ScriptedHttpServer server = server().answer(400, "{\"err\":\"Authorization header required\","
                + "\"ECODE\":\"OAUTH_017\"}");

        // when
        ClickUpResponse response = transport(server).get("/api/v2/team", Optional.empty()).join();

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(server.seen()).containsExactly(new ScriptedHttpServer.Seen("/api/v2/team", Optional.empty()));
    }

    @Test
    void should_consume_error_bodies_so_a_small_pool_serves_many_calls() throws Exception {
        // given one in flight: a pool of two connections, and large error bodies
        ScriptedHttpServer server = server().answer(503, "x".repeat(200_000).getBytes(StandardCharsets.UTF_8),
                Map.of());
        HttpClickUpTransport transport = transport(ClickUpHttpConfig.ofDefaults(URI.create(server.url()))
                .withMaxInFlight(1)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(500),
                        Duration.ofSeconds(5)));

        // when
        for (int i = 0; i < 30; i++) {
            ClickUpResponse response = transport.get("/api/v2/team", Optional.empty()).join();
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.body()).hasSize(200_000);
        }

        // then (a connection goes back to the pool just after its answer is handed over)
        await().atMost(Duration.ofSeconds(5)).until(() -> transport.poolStats().getLeased() == 0);
        PoolStats stats = transport.poolStats();
        assertThat(stats.getMax()).isEqualTo(2);
        assertThat(stats.getAvailable()).isBetween(1, 2);
    }

    @Test
    void should_cut_a_hung_server_at_the_whole_call_deadline_and_leave_no_connection_leased() throws Exception {
        // given a server that never answers, and a response timeout far beyond the whole-call deadline
        ScriptedHttpServer server = server().hang();
        ClickUpHttpConfig config = ClickUpHttpConfig.ofDefaults(URI.create(server.url()))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(2),
                        Duration.ofMillis(300));

        // Each round is a fresh client whose call opens a new connection: there HttpClient can lose a cancel, so
        // the connection must be closed by the deadline itself, not only by the cancel.
        for (int round = 0; round < 10; round++) {
            try (HttpClickUpTransport transport = new HttpClickUpTransport(config)) {
                // when
                CompletableFuture<ClickUpResponse> call;
                try (SecretToken token = SecretToken.of(TOKEN)) {
                    call = transport.get("/api/v2/team", Optional.of(token));
                }

                // then
                assertThatThrownBy(call::join).isInstanceOf(CompletionException.class)
                        .cause().isInstanceOf(ClickUpTransportException.class)
                        .satisfies(e -> assertThat(((ClickUpTransportException) e).kind())
                                .isEqualTo(ClickUpTransportException.Kind.TIMEOUT));
                await().atMost(Duration.ofSeconds(2)).until(() -> transport.poolStats().getLeased() == 0
                        && transport.exchangesInProgress() == 0);
            }
        }
    }

    @Test
    void should_cut_a_silent_server_at_the_response_timeout() throws Exception {
        // given
        ScriptedHttpServer server = server().hang();
        HttpClickUpTransport transport = transport(ClickUpHttpConfig.ofDefaults(URI.create(server.url()))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(2),
                        Duration.ofSeconds(10)));

        // when
        CompletableFuture<ClickUpResponse> call = transport.get("/api/v2/user", Optional.empty());

        // then
        assertThatThrownBy(call::join).cause().isInstanceOf(ClickUpTransportException.class)
                .satisfies(e -> {
                    ClickUpTransportException failure = (ClickUpTransportException) e;
                    assertThat(failure.kind()).isEqualTo(ClickUpTransportException.Kind.TIMEOUT);
                    assertThat(failure.getMessage()).doesNotContain("127.0.0.1");
                    assertThat(failure.getCause()).isNull();
                });
        await().atMost(Duration.ofSeconds(5)).until(() -> transport.poolStats().getLeased() == 0);
    }

    @Test
    void should_report_a_refused_connection_as_connect_without_any_detail() throws Exception {
        // given a port nobody listens on
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        HttpClickUpTransport transport = transport(ClickUpHttpConfig.ofDefaults(URI.create("http://127.0.0.1:" + port)));

        // when
        CompletableFuture<ClickUpResponse> call;
        try (SecretToken token = SecretToken.of(TOKEN)) {
            call = transport.get("/api/v2/team", Optional.of(token));
        }

        // then
        assertThatThrownBy(call::join).cause().isInstanceOf(ClickUpTransportException.class)
                .satisfies(e -> {
                    assertThat(((ClickUpTransportException) e).kind())
                            .isEqualTo(ClickUpTransportException.Kind.CONNECT);
                    assertThat(e.getMessage()).doesNotContain(String.valueOf(port)).doesNotContain("FAKE");
                });
    }

    @Test
    void should_never_log_the_token_even_at_trace_level() throws Exception {
        // given everything at TRACE, captured in memory; except the test server: Jetty's own HTTP parser prints
        // request headers at DEBUG, a server-side concern (the simulator must keep it off too)
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Logger jetty = context.getLogger("org.eclipse.jetty");
        Level before = root.getLevel();
        jetty.setLevel(Level.INFO);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.TRACE);
        try {
            ScriptedHttpServer server = server().answer(200, "{\"teams\":[]}");
            HttpClickUpTransport transport = transport(server);
            context.getLogger("org.apache.hc.client5.http.headers").setLevel(Level.TRACE); // someone tries

            // when
            try (SecretToken token = SecretToken.of(TOKEN)) {
                transport.get("/api/v2/team", Optional.of(token)).join();
            }
        } finally {
            root.setLevel(before);
            jetty.setLevel(null);
            root.detachAppender(captured);
        }

        // then
        assertThat(captured.list).as("logs were captured at all")
                .anyMatch(e -> e.getLoggerName().startsWith("org.apache.hc.client5"));
        assertThat(captured.list).noneMatch(e -> e.getFormattedMessage().contains("FAKEFAKE"));
        assertThat(captured.list).noneMatch(e -> e.getLoggerName().startsWith("org.apache.hc.client5.http.headers")
                || e.getLoggerName().startsWith("org.apache.hc.client5.http.wire"));
    }
}
