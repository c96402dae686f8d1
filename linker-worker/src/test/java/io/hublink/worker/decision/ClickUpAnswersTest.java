package io.hublink.worker.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.events.FailureReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ClickUpAnswersTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "500|{\"err\":\"Internal\",\"ECODE\":\"SIM_500\"}",
            "502|<html>Bad gateway</html>",
            "503|",
            "200|<html>maintenance</html>",
            "200|{\"team\":[]}",
            "200|{\"teams\":{}}",
            "200|{\"teams\":[{\"name\":\"no id\"}]}",
            "200|{\"teams\":[]} trailing",
            "401|{\"err\":\"Unauthorized\"}",
            "401|{\"err\":\"x\",\"ECODE\":\"APP_001\"}",
            "401|Unauthorized",
            "400|{\"err\":\"Bad request\",\"ECODE\":\"INPUT_005\"}",
            "403|{\"err\":\"Forbidden\",\"ECODE\":\"OAUTH_023\"}",
            "404|{\"err\":\"Route not found\"}",
            "302|",
    })
    void should_call_it_provider_trouble_when_clickup_misbehaves(int status, String body) {
        // when
        TeamAnswer answer = ClickUpAnswers.team(status, bytes(body), HeaderLookup.none(), NOW);

        // then
        assertThat(answer).isInstanceOf(ProviderTrouble.class);
        assertThat(answer.isProviderTrouble()).isTrue();
    }

    @Test
    void should_describe_trouble_without_anything_from_the_body() {
        // when
        TeamAnswer answer = ClickUpAnswers.team(502, bytes("<html>pk_secret</html>"), HeaderLookup.none(), NOW);

        // then
        assertThat(((ProviderTrouble) answer).safeDescription()).isEqualTo("server error 502");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "OAUTH_019|TOKEN_INVALID",
            "OAUTH_021|TOKEN_INVALID",
            "OAUTH_025|TOKEN_INVALID",
            "OAUTH_077|TOKEN_INVALID",
            "OAUTH_023|TOKEN_NOT_AUTHORIZED",
            "OAUTH_026|TOKEN_NOT_AUTHORIZED",
            "OAUTH_029|TOKEN_NOT_AUTHORIZED",
            "OAUTH_045|TOKEN_NOT_AUTHORIZED",
            "OAUTH_999|TOKEN_NOT_AUTHORIZED",
    })
    void should_decide_a_401_on_its_ecode(String ecode, FailureReason reason) {
        // when
        TeamAnswer answer = ClickUpAnswers.team(401, bytes("{\"err\":\"x\",\"ECODE\":\"" + ecode + "\"}"),
                HeaderLookup.none(), NOW);

        // then
        assertThat(answer).isEqualTo(new CredentialsRejected(401, ecode, reason));
    }

    @Test
    void should_not_echo_an_ecode_of_unexpected_shape() {
        // when
        TeamAnswer answer = ClickUpAnswers.team(401, bytes("{\"ECODE\":\"OAUTH_pk_123456\"}"),
                HeaderLookup.none(), NOW);

        // then
        assertThat(answer).isEqualTo(new CredentialsRejected(401, "OAUTH_?", FailureReason.TOKEN_NOT_AUTHORIZED));
    }

    @Test
    void should_accept_an_empty_teams_array_and_numeric_team_ids() {
        // when
        TeamAnswer empty = ClickUpAnswers.team(200, bytes("{\"teams\":[]}"), HeaderLookup.none(), NOW);
        TeamAnswer numeric = ClickUpAnswers.team(200,
                bytes("{\"teams\":[{\"id\":9012345678,\"name\":null,\"members\":null}]}"), HeaderLookup.none(), NOW);

        // then
        assertThat(empty).isEqualTo(new TeamAnswer.Teams(java.util.List.of()));
        assertThat(numeric).isEqualTo(new TeamAnswer.Teams(
                java.util.List.of(new TeamInfo("9012345678", "", java.util.List.of()))));
    }

    @Test
    void should_call_a_user_answer_without_a_user_provider_trouble() {
        assertThat(ClickUpAnswers.user(200, bytes("{\"teams\":[]}"), HeaderLookup.none(), NOW))
                .isInstanceOf(ProviderTrouble.class);
        assertThat(ClickUpAnswers.user(500, bytes(""), HeaderLookup.none(), NOW))
                .isInstanceOf(ProviderTrouble.class);
    }

    @Test
    void should_keep_a_missing_email_as_null() {
        // when
        UserAnswer answer = ClickUpAnswers.user(200, bytes("{\"user\":{\"id\":7,\"username\":\"Guest\",\"email\":null}}"),
                HeaderLookup.none(), NOW);

        // then
        assertThat(answer).isEqualTo(new UserAnswer.Identified(new TokenOwner("7", "Guest", null)));
    }

    @ParameterizedTest(name = "{0}={1} -> now+{2}s")
    @CsvSource(delimiter = '|', value = {
            "Retry-After|0|0",
            "Retry-After|2|2",
            "Retry-After|299|299",
            "Retry-After|301|300",
            "Retry-After|86400|300",
            "Retry-After|Thu, 01 Jan 2026 00:00:30 GMT|30",
            "Retry-After|Wed, 31 Dec 2025 23:00:00 GMT|0",
            "X-RateLimit-Reset|1767225660|60",
            "X-RateLimit-Reset|1767225000|0",
            "X-RateLimit-Reset|1767999999|300",
    })
    void should_wait_as_a_429_says_but_never_more_than_five_minutes(String header, String value, long seconds) {
        // given
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put(header, value);

        // when
        TeamAnswer answer = ClickUpAnswers.team(429, bytes("{\"err\":\"Rate limit reached\",\"ECODE\":\"APP_002\"}"),
                name -> Optional.ofNullable(headers.get(name)), NOW);

        // then
        assertThat(answer).isEqualTo(new RateLimited(Optional.of(NOW.plus(Duration.ofSeconds(seconds)))));
        assertThat(answer.isProviderTrouble()).isFalse();
    }

    @Test
    void should_not_know_when_to_retry_a_429_without_usable_headers() {
        // given
        HeaderLookup garbled = name -> Optional.of("soon");

        // then
        assertThat(ClickUpAnswers.team(429, bytes("Too many"), garbled, NOW)).isEqualTo(new RateLimited(Optional.empty()));
        assertThat(ClickUpAnswers.user(429, bytes(""), HeaderLookup.none(), NOW))
                .isEqualTo(new RateLimited(Optional.empty()));
    }

    private static byte[] bytes(String body) {
        return body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    }
}
