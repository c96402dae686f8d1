package io.hublink.worker.clickup;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.worker.testing.ScriptedHttpServer;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** HTTP/2 where a TLS server offers it by ALPN, HTTP/1.1 where it does not: against real TLS servers on loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpClickUpTransportTlsTest {

    private static final String PASSWORD = "test-only-password";

    @TempDir
    static Path dir;
    private static Path keyStore;
    private static SSLContext trustingTheTestCertificate;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    /** A self-signed certificate for 127.0.0.1, made by the JDK's keytool, and a client context that trusts it. */
    @BeforeAll
    static void certificate() throws Exception {
        keyStore = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("keytool: %s", output).isZero();

        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            server.load(in, PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("server", server.getCertificate("server"));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
                TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        trustingTheTestCertificate = SSLContext.getInstance("TLS");
        trustingTheTestCertificate.init(null, trustManagers.getTrustManagers(), null);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void should_speak_http2_when_the_server_offers_it_by_alpn() throws Exception {
        // given
        ScriptedHttpServer server = started(ScriptedHttpServer.overTls(keyStore, PASSWORD, true));
        HttpClickUpTransport transport = transportTo(server);

        // when
        List<CompletableFuture<ClickUpResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(transport.get(i % 2 == 0 ? "/api/v2/team" : "/api/v2/user", Optional.empty()));
        }

        // then
        calls.forEach(call -> assertThat(call.join().status()).isEqualTo(200));
        assertThat(server.versions()).hasSize(20).containsOnly("HTTP/2.0");
    }

    @Test
    void should_speak_http1_when_the_server_offers_only_that() throws Exception {
        // given
        ScriptedHttpServer server = started(ScriptedHttpServer.overTls(keyStore, PASSWORD, false));
        HttpClickUpTransport transport = transportTo(server);

        // when
        List<CompletableFuture<ClickUpResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(transport.get("/api/v2/team", Optional.empty()));
        }

        // then
        calls.forEach(call -> assertThat(call.join().status()).isEqualTo(200));
        assertThat(server.versions()).hasSize(5).containsOnly("HTTP/1.1");
        assertThat(transport.exchangesInProgress()).isZero();
    }

    private ScriptedHttpServer started(ScriptedHttpServer server) {
        toClose.add(server);
        return server;
    }

    private HttpClickUpTransport transportTo(ScriptedHttpServer server) {
        HttpClickUpTransport transport = new HttpClickUpTransport(
                ClickUpHttpConfig.ofDefaults(URI.create(server.url())), trustingTheTestCertificate);
        toClose.add(transport);
        return transport;
    }
}
