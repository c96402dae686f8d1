package io.hublink.publisher.webhooks;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A webhook receiver on loopback (Jetty) that records every request exactly as it arrived (headers, raw body bytes)
 * and answers as told: a status per attempt of a delivery id, or no answer at all ({@link #HANG}).
 */
final class RecordingReceiver implements AutoCloseable {

    static final int HANG = -1;

    /** One request as received. */
    record Received(String method, Map<String, String> headers, byte[] body, Instant at, int answered) {

        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        String deliveryId() {
            return header("Hublink-Delivery-Id");
        }
    }

    private final Server server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    /** Attempt number (1, 2, …) of a delivery id → status to answer, or HANG. */
    private volatile IntUnaryOperator answer = attempt -> 200;

    RecordingReceiver() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setDaemon(true);
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(60_000);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                byte[] body;
                try (InputStream in = Content.Source.asInputStream(request)) {
                    body = in.readAllBytes();
                }
                Map<String, String> headers = new HashMap<>();
                for (HttpField field : request.getHeaders()) {
                    headers.put(field.getLowerCaseName(), field.getValue());
                }
                String id = headers.getOrDefault("hublink-delivery-id", "");
                int attempt = attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                int status = answer.applyAsInt(attempt);
                received.add(new Received(request.getMethod(), headers, body, Instant.now(), status));
                if (status == HANG) {
                    return true; // never answered: the sender's timeout (or our stop) ends it
                }
                response.setStatus(status);
                response.write(true, ByteBuffer.wrap("ok".getBytes()), callback);
                return true;
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/hooks/hublink";
    }

    void answer(IntUnaryOperator byAttempt) {
        this.answer = byAttempt;
    }

    void answerAlways(int status) {
        answer(attempt -> status);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests answered 2xx. */
    List<Received> delivered() {
        return received.stream().filter(r -> r.answered() >= 200 && r.answered() < 300).collect(Collectors.toList());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
