package io.hublink.worker.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class WorkspaceInputTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
            "9012345678|9012345678",
            "'  9012345678 '|9012345678",
            "1234567|1234567",
            "0012345|0012345",
            "https://app.clickup.com/9012345678/home|9012345678",
            "http://app.clickup.com/9012345678/v/li/901234567890|9012345678",
            "app.clickup.com/9012345678/v/b/6-901234567890-2|9012345678",
            "APP.ClickUp.com/9012345678|9012345678",
            "https://clickup.com/9012345678/home|9012345678",
            "https://www.clickup.com/9012345678|9012345678",
            "https://app.clickup.com/9012345678?pr=123|9012345678",
            "https://app.clickup.com/9012345678#section|9012345678",
            "https://app.clickup.com/t/9012345678/PROJ-123|9012345678",
            "app.clickup.com/t/9012345678/PROJ-123|9012345678",
    })
    void should_find_the_workspace_id_in_digits_or_a_clickup_link(String typed, String id) {
        // when
        Optional<String> result = WorkspaceInput.normalize(typed);

        // then
        assertThat(result).contains(id);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
            "",
            "   ",
            "Example Workspace",
            "My Workspace 2",
            "https://app.clickup.com/t/86b0xyz",
            "https://app.clickup.com/t/123",
            "app.clickup.com/t/123/",
            "https://app.clickup.com/settings/profile",
            "https://app.clickup.com/settings/team/9012345678/general",
            "https://app.clickup.com/",
            "https://app.clickup.com",
            "https://evil.example/9012345678/home",
            "https://app.clickup.com.evil.example/9012345678",
            "ftp://app.clickup.com/9012345678",
            "901 234 5678",
            "９０１２３４５６７８",
            "-9012345678",
            "9012345678.0",
            "pk_12345678_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE",
    })
    void should_find_no_workspace_id_in_task_links_settings_names_or_tokens(String typed) {
        // when
        Optional<String> result = WorkspaceInput.normalize(typed);

        // then
        assertThat(result).isEmpty();
    }

    @Test
    void should_find_no_workspace_id_in_null() {
        assertThat(WorkspaceInput.normalize(null)).isEmpty();
    }
}
