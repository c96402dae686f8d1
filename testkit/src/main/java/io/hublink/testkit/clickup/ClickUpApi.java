package io.hublink.testkit.clickup;

import java.util.Map;

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
                Account account = directory.account(token);
                return Reply.json(200, team ? bodies.team(account, directory) : bodies.user(account));
        }
    }
}
