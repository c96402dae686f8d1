package io.hublink.worker.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class WorkspaceRedactionTest {

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
            "pk_12345678_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE",
            "my token is PK_12345678_abc",
            "Bearer abc",
            "  bearer something",
            "Authorization: xyz",
            "AUTHORIZATION",
            "Z1X2C3V4B5N6M7ASDFGHJKL0",
            "abcdefghij-klmnopqrst_uvwxyz0123456789",
            "  Z1X2C3V4B5N6M7ASDFGHJKL0987654321\n",
    })
    void should_redact_input_that_looks_like_a_token(String typed) {
        assertThat(WorkspaceRedaction.redact(typed)).isEqualTo("[redacted]");
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {
            "Example Workspace|Example Workspace",
            "https://app.clickup.com/t/86b0xyz|https://app.clickup.com/t/86b0xyz",
            "Z1X2C3V4B5N6M7ASDFGHJKL|Z1X2C3V4B5N6M7ASDFGHJKL",
            "two words that are long enough together|two words that are long enough together",
    })
    void should_keep_other_input(String typed, String shown) {
        assertThat(WorkspaceRedaction.redact(typed)).isEqualTo(shown);
    }

    @Test
    void should_remove_control_characters() {
        assertThat(WorkspaceRedaction.redact("Exam\u0000ple\r\n Work\u001Bspace\u200B\t"))
                .isEqualTo("Example Workspace");
    }

    @Test
    void should_cut_long_input_to_64_characters_without_splitting_a_character() {
        // given
        String typed = "a workspace name ".repeat(10) + "\uD83D\uDE00";
        String emojis = "\uD83D\uDE00 ".repeat(40);

        // then
        assertThat(WorkspaceRedaction.redact(typed)).hasSize(64).isEqualTo(typed.substring(0, 64));
        String cut = WorkspaceRedaction.redact(emojis);
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(64);
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 1))).isFalse();
    }

    @Test
    void should_show_null_as_empty() {
        assertThat(WorkspaceRedaction.redact(null)).isEmpty();
    }
}
