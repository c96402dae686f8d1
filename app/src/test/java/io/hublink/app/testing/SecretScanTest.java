package io.hublink.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The leak tests are only as good as their detector: every form it claims to see, it sees. */
@Timeout(10)
class SecretScanTest {

    private static final String TOKEN = "pk_81234567_SCANTESTTOKEN00000000000000000";
    private static final String CRLF = "pk_81234567_SCANTESTCRLF0000000\r\nX-Injected: 1";
    private final SecretScan scan = SecretScan.of(Map.of("token", TOKEN, "crlf", CRLF));

    @Test
    void should_find_a_secret_as_given_and_in_every_encoding_at_any_offset() {
        byte[] token = TOKEN.getBytes(StandardCharsets.US_ASCII);
        for (int prefix = 0; prefix < 3; prefix++) {
            byte[] blob = new byte[prefix + token.length + 2];
            Arrays.fill(blob, (byte) '#');
            System.arraycopy(token, 0, blob, prefix, token.length);
            assertThat(scan.findIn("base64", "x" + Base64.getEncoder().encodeToString(blob))).hasSize(1);
            assertThat(scan.findIn("base64url", Base64.getUrlEncoder().encodeToString(blob))).hasSize(1);
        }
        assertThat(scan.findIn("raw", "a line with " + TOKEN + " inside")).hasSize(1);
        assertThat(scan.findIn("hex", HexFormat.of().formatHex(token))).hasSize(1);
        assertThat(scan.findIn("HEX", HexFormat.of().withUpperCase().formatHex(token))).hasSize(1);
        assertThat(scan.findIn("bytes", "value=" + Arrays.toString(token))).hasSize(1);
        assertThat(scan.findIn("url", URLEncoder.encode("t=" + TOKEN + "&x", StandardCharsets.UTF_8))).hasSize(1);
    }

    @Test
    void should_find_the_printable_part_of_a_secret_with_control_characters_however_it_was_escaped() {
        assertThat(scan.findIn("json", "{\"token\":\"pk_81234567_SCANTESTCRLF0000000\\r\\nX-Injected: 1\"}"))
                .containsExactly("crlf (whole, JSON-escaped) in json");
        assertThat(scan.findIn("cut", "token pk_81234567_SCANTESTCRLF0000000?? rest")).hasSize(1);
        assertThat(scan.findIn("url", URLEncoder.encode(CRLF, StandardCharsets.UTF_8))).hasSize(1);
    }

    @Test
    void should_find_nothing_in_text_without_the_secrets() {
        assertThat(scan.findIn("clean", "pk_81234567_ and SCANTEST and " + TOKEN.substring(0, 9))).isEmpty();
        assertThat(scan.findIn("empty", new byte[0])).isEmpty();
    }

    @Test
    void should_leave_out_the_secrets_it_is_told_to() {
        assertThat(scan.findIn("raw", TOKEN.getBytes(StandardCharsets.US_ASCII), java.util.List.of("token"))).isEmpty();
    }
}
