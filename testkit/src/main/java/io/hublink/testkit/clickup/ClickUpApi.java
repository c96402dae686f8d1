package io.hublink.testkit.clickup;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The answers of ClickUp's API v2 to {@code GET /api/v2/team} and {@code GET /api/v2/user}, as DESIGN's simulator
 * rules say, in this order: unknown route → 404; no token → 400 OAUTH_017; over the token's rate limit → 429
 * APP_002; revoked token → 401 OAUTH_025; unknown token → 401 OAUTH_019; else 200. Every answer to a call that
 * presented a token carries X-RateLimit-Limit, -Remaining and -Reset, and counts against that token's limit (ClickUp
 * meters the token before it looks it up). Knows nothing of HTTP servers: it maps a call to a {@link Reply}.
 */
final class ClickUpApi {

    static final String TEAM_PATH = "/api/v2/team";
    static final String USER_PATH = "/api/v2/user";

    private static final byte[] HEADER_REQUIRED = ClickUpBodies.error("Authorization header required", "OAUTH_017");
    private static final byte[] TOKEN_INVALID = ClickUpBodies.error("Token invalid", "OAUTH_025");
    private static final byte[] TOKEN_NOT_FOUND = ClickUpBodies.error("Oauth token not found", "OAUTH_019");
    private static final byte[] RATE_LIMITED = ClickUpBodies.error("Rate limit reached", "APP_002");
    private static final byte[] NOT_FOUND = ClickUpBodies.error("Route not found", "SIM_404");

    private final AccountDirectory directory;
    private final RateLimiter rateLimiter;
    private final ClickUpBodies bodies;
    /**
     * 200 bodies already rendered, per token and route. A scenario always gives the same bodies, and rendering JSON
     * on every call made the simulator, not the worker, the bench's bottleneck. An entry is used only while the
     * directory is at the version it was rendered at.
     */
    private final Map<String, Rendered> teamBodies = new ConcurrentHashMap<>();
    private final Map<String, Rendered> userBodies = new ConcurrentHashMap<>();

    private record Rendered(long version, byte[] body) {
    }

    ClickUpApi(AccountDirectory directory, RateLimiter rateLimiter, ClickUpBodies bodies) {
        this.directory = directory;
        this.rateLimiter = rateLimiter;
        this.bodies = bodies;
    }

    /**
     * @param authorization the Authorization header's value, empty when missing; it is the raw token (a
     *     {@code Bearer …} value is simply a token nobody has)
     */
    Reply answer(String method, String path, String authorization) {
        boolean team = TEAM_PATH.equals(path);
        if (!"GET".equals(method) || !(team || USER_PATH.equals(path))) {
            return Reply.json(404, NOT_FOUND);
        }
        if (authorization.isEmpty()) {
            return Reply.json(400, HEADER_REQUIRED);
        }
        RateLimiter.Decision limit = rateLimiter.acquire(authorization);
        return answerFor(team, authorization, limit).withHeaders(Map.of(
                "X-RateLimit-Limit", Integer.toString(limit.limit()),
                "X-RateLimit-Remaining", Integer.toString(limit.remaining()),
                "X-RateLimit-Reset", Long.toString(limit.resetEpochSeconds())));
    }

    private byte[] teamBody(String token) {
        return rendered(teamBodies, token, account -> bodies.team(account, directory));
    }

    private byte[] userBody(String token) {
        return rendered(userBodies, token, bodies::user);
    }

    private byte[] rendered(Map<String, Rendered> cache, String token, Function<Account, byte[]> render) {
        long version = directory.version(); // read before the account, so a change in between is never cached as new
        Rendered cached = cache.get(token);
        if (cached != null && cached.version() == version) {
            return cached.body();
        }
        byte[] body = render.apply(directory.account(token));
        cache.put(token, new Rendered(version, body));
        return body;
    }

    private Reply answerFor(boolean team, String token, RateLimiter.Decision limit) {
        if (!limit.allowed()) {
            return Reply.json(429, RATE_LIMITED);
        }
        switch (directory.standingOf(token)) {
            case REVOKED:
                return Reply.json(401, TOKEN_INVALID);
            case UNKNOWN:
                return Reply.json(401, TOKEN_NOT_FOUND);
            default:
                return Reply.json(200, team ? teamBody(token) : userBody(token));
        }
    }
}
