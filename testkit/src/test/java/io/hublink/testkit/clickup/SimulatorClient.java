package io.hublink.testkit.clickup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Calls a simulator the way the linker does: a GET with the raw token as the Authorization value. */
final class SimulatorClient {

    private final HttpClient http;
    private final String baseUrl;

    private SimulatorClient(HttpClient http, String baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl;
    }

    static SimulatorClient http11(ClickUpSimulator simulator) {
        return new SimulatorClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build(), simulator.url());
    }

    /** HTTP/2 over http:// — the JDK client upgrades with {@code Upgrade: h2c}. */
    static SimulatorClient http2(ClickUpSimulator simulator) {
        return new SimulatorClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(5)).build(), simulator.url());
    }

    HttpResponse<String> get(String path, String token) {
        try {
            return send(path, token).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof IOException) {
                throw new UncheckedIOException((IOException) e.getCause());
            }
            throw e;
        }
    }

    HttpResponse<String> getWithoutToken(String path) {
        return get(path, null);
    }

    /** {@code token} null sends no Authorization header. */
    CompletableFuture<HttpResponse<String>> send(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", token);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
