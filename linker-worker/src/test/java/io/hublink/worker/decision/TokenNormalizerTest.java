package io.hublink.worker.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.schemas.SecretToken;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TokenNormalizerTest {

    private static final String TOKEN = "pk_12345678_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE";

    /** Every way users paste a token that API.md lists, and what we send for it. */
    static Stream<Arguments> pastedTokensThatAreSent() {
        return Stream.of(
                Arguments.of("as copied", TOKEN, TOKEN),
                Arguments.of("surrounding spaces", "   " + TOKEN + "  ", TOKEN),
                Arguments.of("trailing newline", TOKEN + "\n", TOKEN),
                Arguments.of("trailing CRLF", TOKEN + "\r\n", TOKEN),
                Arguments.of("tabs and a Unicode em space", "\t\u2003" + TOKEN + "\t", TOKEN),
                Arguments.of("double quotes from a .env file", "\"" + TOKEN + "\"", TOKEN),
                Arguments.of("single quotes", "'" + TOKEN + "'", TOKEN),
                Arguments.of("quotes and whitespace", "  \"" + TOKEN + "\"\n", TOKEN),
                Arguments.of("Bearer prefix", "Bearer " + TOKEN, TOKEN),
                Arguments.of("bearer prefix in lower case", "bearer " + TOKEN, TOKEN),
                Arguments.of("BEARER prefix in upper case", "BEARER " + TOKEN, TOKEN),
                Arguments.of("whole Authorization header line", "Authorization: " + TOKEN, TOKEN),
                Arguments.of("header line without a space", "authorization:" + TOKEN, TOKEN),
                Arguments.of("header line with Bearer", "Authorization: Bearer " + TOKEN, TOKEN),
                Arguments.of("quoted header line with Bearer and newline",
                        " \"AUTHORIZATION:\tBearer " + TOKEN + "\"\n", TOKEN),
                Arguments.of("OAuth client id without pk_ is still sent", "Z1X2C3V4B5N6M7ASDFGHJKL0987654321",
                        "Z1X2C3V4B5N6M7ASDFGHJKL0987654321"),
                Arguments.of("only one pair of quotes is removed", "\"\"" + TOKEN + "\"\"", "\"" + TOKEN + "\""));
    }

    static Stream<Arguments> pastedTokensThatAreNeverSent() {
        return Stream.of(
                Arguments.of("empty", "", "empty"),
                Arguments.of("only whitespace", " \n\t ", "empty"),
                Arguments.of("only quotes", "\"\"", "empty"),
                Arguments.of("only a header name", "Authorization:", "empty"),
                Arguments.of("only a header name and Bearer", "\"Authorization: Bearer \"", "empty"),
                Arguments.of("CR/LF inside", "pk_123\r\n45678_FAKE", "contains a line break"),
                Arguments.of("LF inside", "pk_123\n45678_FAKE", "contains a line break"),
                Arguments.of("NUL inside", "pk_123\u000045678_FAKE", "contains control characters"),
                Arguments.of("DEL inside", "pk_123\u007F45678_FAKE", "contains control characters"),
                Arguments.of("space inside", "pk_123 45678_FAKE", "contains whitespace"),
                Arguments.of("two spaces after Bearer", "Bearer  " + TOKEN, "contains whitespace"),
                Arguments.of("non-breaking space (not Unicode whitespace)", "\u00A0" + TOKEN,
                        "contains whitespace"),
                Arguments.of("non-ASCII letter", "pk_12345678_FAKÉ", "contains characters outside printable ASCII"),
                Arguments.of("smart quotes", "\u201C" + TOKEN + "\u201D", "contains characters outside printable ASCII"),
                Arguments.of("emoji", TOKEN + "\uD83D\uDE00", "contains characters outside printable ASCII"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pastedTokensThatAreSent")
    void should_send_the_bare_token_when_it_was_pasted_with_decoration(String what, String pasted, String sent) {
        // given
        try (SecretToken raw = SecretToken.of(pasted)) {
            // when
            NormalizedToken result = TokenNormalizer.normalize(raw);

            // then
            assertThat(result).isInstanceOf(NormalizedToken.Valid.class);
            try (SecretToken token = ((NormalizedToken.Valid) result).token()) {
                assertThat(token.asHeaderValue()).isEqualTo(sent);
                assertThat(token).isNotSameAs(raw);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pastedTokensThatAreNeverSent")
    void should_refuse_a_token_that_is_empty_or_not_printable_ascii(String what, String pasted, String why) {
        // given
        try (SecretToken raw = SecretToken.of(pasted)) {
            // when
            NormalizedToken result = TokenNormalizer.normalize(raw);

            // then
            assertThat(result).isEqualTo(new NormalizedToken.Malformed(why));
        }
    }

    @Test
    void should_refuse_bytes_that_are_not_utf8() {
        // given
        byte[] bytes = {'p', 'k', '_', (byte) 0xC3, '1'};

        // when
        NormalizedToken result = TokenNormalizer.normalize(SecretToken.ofOwnedBytes(bytes));

        // then
        assertThat(result).isEqualTo(new NormalizedToken.Malformed("not valid UTF-8"));
    }

    @Test
    void should_leave_the_raw_token_to_its_owner() {
        // given
        SecretToken raw = SecretToken.of("  " + TOKEN + "\n");

        // when
        NormalizedToken result = TokenNormalizer.normalize(raw);

        // then the caller still owns raw; the result is a separate token
        assertThat(raw.isWiped()).isFalse();
        assertThat(raw.asHeaderValue()).isEqualTo("  " + TOKEN + "\n");
        ((NormalizedToken.Valid) result).token().close();
        assertThat(raw.isWiped()).isFalse();
    }

    @Test
    void should_never_show_the_token_in_a_malformed_description_or_a_to_string() {
        // given
        String pasted = TOKEN + "\u00E9";

        // when
        NormalizedToken result = TokenNormalizer.normalize(SecretToken.of(pasted));

        // then
        assertThat(result.toString()).doesNotContain("pk_").doesNotContain("FAKE");
        NormalizedToken valid = TokenNormalizer.normalize(SecretToken.of(TOKEN));
        assertThat(valid.toString()).doesNotContain("pk_").doesNotContain("FAKE");
    }
}
