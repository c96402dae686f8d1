package io.hublink.worker.decision;

import io.hublink.events.FailureReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that turns an HTTP answer from ClickUp into what it means (DESIGN "Verdicts", API.md "Errors").
 * It decides on the ECODE, not on the status alone: a 401 carries both "your token is bad" and "your token may not
 * see that". Descriptions of trouble name the status only, never anything from the body.
 */
public final class ClickUpAnswers {

    /** ClickUp's "token not found" group: the token is wrong, revoked or regenerated. */
    static final Set<String> TOKEN_NOT_FOUND = Set.of("OAUTH_019", "OAUTH_021", "OAUTH_025", "OAUTH_077");
    /** "Authorization header required": only an empty token produces it, and we never send one. */
    static final String HEADER_MISSING = "OAUTH_017";

    private ClickUpAnswers() {
    }

    /** What {@code GET /api/v2/team} answered. {@code now} places a relative Retry-After in time. */
    public static TeamAnswer team(int status, byte[] body, HeaderLookup headers, Instant now) {
        Optional<Object> json = Json.parse(body);
        if (status == 200) {
            return json.flatMap(ClickUpAnswers::teams)
                    .<TeamAnswer>map(TeamAnswer.Teams::new)
                    .orElseGet(() -> new ProviderTrouble("200 without a readable teams array"));
        }
        return (TeamAnswer) notOk(status, json, headers, now);
    }

    /** What {@code GET /api/v2/user} answered. */
    public static UserAnswer user(int status, byte[] body, HeaderLookup headers, Instant now) {
        Optional<Object> json = Json.parse(body);
        if (status == 200) {
            return json.flatMap(ClickUpAnswers::owner)
                    .<UserAnswer>map(UserAnswer.Identified::new)
                    .orElseGet(() -> new ProviderTrouble("200 without a readable user object"));
        }
        return (UserAnswer) notOk(status, json, headers, now);
    }

    /** The answers both calls share; each implements both TeamAnswer and UserAnswer. */
    private static ClickUpAnswer notOk(int status, Optional<Object> json, HeaderLookup headers, Instant now) {
        if (status == 429) {
            return new RateLimited(RetryTimes.retryAt(headers, now));
        }
        Optional<String> ecode = json.flatMap(j -> text(j, "ECODE"));
        if ((status == 400 || status == 401) && ecode.filter(HEADER_MISSING::equals).isPresent()) {
            return new CredentialsRejected(status, HEADER_MISSING, FailureReason.TOKEN_MALFORMED);
        }
        if (status == 401) {
            if (ecode.isEmpty() || !ecode.get().startsWith("OAUTH_")) {
                return new ProviderTrouble("401 without an OAUTH_ error code");
            }
            FailureReason reason = TOKEN_NOT_FOUND.contains(ecode.get())
                    ? FailureReason.TOKEN_INVALID
                    : FailureReason.TOKEN_NOT_AUTHORIZED;
            return new CredentialsRejected(status, safeCode(ecode.get()), reason);
        }
        if (status >= 500 && status <= 599) {
            return new ProviderTrouble("server error " + status);
        }
        return new ProviderTrouble("unexpected status " + status);
    }

    /** An ECODE is echoed into outcomes, so only the documented shape passes (OAUTH_ and digits). */
    private static String safeCode(String ecode) {
        String digits = ecode.substring("OAUTH_".length());
        return WorkspaceInput.isAsciiDigits(digits) && digits.length() <= 6 ? ecode : "OAUTH_?";
    }

    private static Optional<List<TeamInfo>> teams(Object json) {
        Optional<Object> teams = field(json, "teams");
        if (teams.isEmpty() || !(teams.get() instanceof List)) {
            return Optional.empty();
        }
        List<TeamInfo> result = new ArrayList<>();
        for (Object team : (List<?>) teams.get()) {
            Optional<String> id = field(team, "id").flatMap(ClickUpAnswers::idText);
            if (id.isEmpty()) {
                return Optional.empty();
            }
            String name = text(team, "name").orElse("");
            result.add(new TeamInfo(id.get(), name, members(team)));
        }
        return Optional.of(result);
    }

    private static List<TeamMember> members(Object team) {
        List<TeamMember> members = new ArrayList<>();
        Object list = field(team, "members").orElse(List.of());
        if (!(list instanceof List)) {
            return members;
        }
        for (Object member : (List<?>) list) {
            Optional<Object> user = field(member, "user");
            Optional<String> userId = user.flatMap(u -> field(u, "id")).flatMap(ClickUpAnswers::idText);
            if (userId.isEmpty()) {
                continue; // a member we cannot identify cannot be the token's owner
            }
            // Captures show the role on the user object; accept it on the member too.
            int role = user.flatMap(u -> field(u, "role")).or(() -> field(member, "role"))
                    .flatMap(ClickUpAnswers::smallInt).orElse(0);
            members.add(new TeamMember(userId.get(), role));
        }
        return members;
    }

    private static Optional<TokenOwner> owner(Object json) {
        Optional<Object> user = field(json, "user");
        Optional<String> id = user.flatMap(u -> field(u, "id")).flatMap(ClickUpAnswers::idText);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Object u = user.get();
        return Optional.of(new TokenOwner(id.get(), text(u, "username").orElse(""), text(u, "email").orElse(null)));
    }

    private static Optional<Object> field(Object json, String name) {
        if (!(json instanceof Map)) {
            return Optional.empty();
        }
        Object value = ((Map<?, ?>) json).get(name);
        return value == null || value == Json.NULL ? Optional.empty() : Optional.of(value);
    }

    private static Optional<String> text(Object json, String name) {
        return field(json, name).filter(String.class::isInstance).map(String.class::cast);
    }

    /** Ids are strings for teams and numbers for users; both are kept as text. */
    private static Optional<String> idText(Object value) {
        if (value instanceof String && !((String) value).isEmpty()) {
            return Optional.of((String) value);
        }
        if (value instanceof BigDecimal) {
            BigDecimal number = (BigDecimal) value;
            return number.signum() >= 0 && number.stripTrailingZeros().scale() <= 0
                    ? Optional.of(number.toBigInteger().toString())
                    : Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Integer> smallInt(Object value) {
        if (!(value instanceof BigDecimal)) {
            return Optional.empty();
        }
        try {
            return Optional.of(((BigDecimal) value).intValueExact());
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }
}
