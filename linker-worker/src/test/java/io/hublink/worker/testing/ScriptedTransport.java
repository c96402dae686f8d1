package io.hublink.worker.testing;

import io.hublink.schemas.SecretToken;
import io.hublink.worker.clickup.ClickUpResponse;
import io.hublink.worker.clickup.ClickUpTransport;
import io.hublink.worker.clickup.ClickUpTransportException;
import io.hublink.worker.fixtures.ClickUpFixture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A fake ClickUp: per path, scripted outcomes in order (then the path's default, repeated). Records every call with
 * the Authorization value sent, and the token object, so tests can check it was wiped afterwards.
 */
public final class ScriptedTransport implements ClickUpTransport {

    public record Call(String path, Optional<String> authorization) {
    }

    private final Map<String, Deque<Supplier<CompletableFuture<ClickUpResponse>>>> scripts = new HashMap<>();
    private final Map<String, Supplier<CompletableFuture<ClickUpResponse>>> defaults = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final List<SecretToken> tokensSeen = new ArrayList<>();
    private final List<CompletableFuture<ClickUpResponse>> hung = new ArrayList<>();

    public static final String TEAM = "/api/v2/team";
    public static final String USER = "/api/v2/user";

    public synchronized ScriptedTransport then(String path, Supplier<CompletableFuture<ClickUpResponse>> outcome) {
        scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).add(outcome);
        return this;
    }

    public synchronized ScriptedTransport always(String path, Supplier<CompletableFuture<ClickUpResponse>> outcome) {
        defaults.put(path, outcome);
        return this;
    }

    /** Healthy ClickUp: the recorded 200 answers for /team and /user. */
    public ScriptedTransport healthy() {
        return always(TEAM, fixture("get-team-200")).always(USER, fixture("get-user-200"));
    }

    public static Supplier<CompletableFuture<ClickUpResponse>> fixture(String name) {
        ClickUpFixture f = ClickUpFixture.load(name);
        return () -> CompletableFuture.completedFuture(new ClickUpResponse(f.status(), f.body(), f.headers()));
    }

    public static Supplier<CompletableFuture<ClickUpResponse>> status(int status, String body) {
        return status(status, body, Map.of());
    }

    public static Supplier<CompletableFuture<ClickUpResponse>> status(int status, String body,
                                                                       Map<String, String> headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return () -> CompletableFuture.completedFuture(new ClickUpResponse(status, bytes, headers));
    }

    public static Supplier<CompletableFuture<ClickUpResponse>> failure(ClickUpTransportException.Kind kind) {
        return () -> CompletableFuture.failedFuture(new ClickUpTransportException(kind, "Scripted"));
    }

    public static Supplier<CompletableFuture<ClickUpResponse>> failure(Throwable t) {
        return () -> CompletableFuture.failedFuture(t);
    }

    /** A ClickUp that never answers: each call's future stays pending unless the caller cancels it. */
    public Supplier<CompletableFuture<ClickUpResponse>> hanging() {
        return () -> {
            CompletableFuture<ClickUpResponse> call = new CompletableFuture<>();
            synchronized (this) {
                hung.add(call);
            }
            return call;
        };
    }

    @Override
    public CompletableFuture<ClickUpResponse> get(String path, Optional<SecretToken> token) {
        Supplier<CompletableFuture<ClickUpResponse>> outcome;
        synchronized (this) {
            calls.add(new Call(path, token.map(SecretToken::asHeaderValue)));
            token.ifPresent(tokensSeen::add);
            Deque<Supplier<CompletableFuture<ClickUpResponse>>> script = scripts.get(path);
            outcome = script != null && !script.isEmpty() ? script.poll() : defaults.get(path);
        }
        if (outcome == null) {
            throw new AssertionError("no answer scripted for " + path);
        }
        return outcome.get();
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized long callsTo(String path) {
        return calls.stream().filter(c -> c.path().equals(path)).count();
    }

    public synchronized long callsWith(String authorization) {
        return calls.stream().filter(c -> c.authorization().equals(Optional.of(authorization))).count();
    }

    /** The calls {@link #hanging()} answered, in order. */
    public synchronized List<CompletableFuture<ClickUpResponse>> hungCalls() {
        return List.copyOf(hung);
    }

    public synchronized List<SecretToken> tokensSeen() {
        return List.copyOf(tokensSeen);
    }
}
