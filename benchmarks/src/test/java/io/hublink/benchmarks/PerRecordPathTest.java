package io.hublink.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.events.AccountLinked;
import io.hublink.events.Role;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The benchmarked path really does the whole job: it must end in a decodable AccountLinked. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PerRecordPathTest {

    @Test
    void should_turn_a_pasted_token_and_url_into_an_encoded_account_linked() throws Exception {
        PerRecordPath path = new PerRecordPath();

        AccountLinked linked = path.codec().decode(path.process(), AccountLinked.class);

        assertThat(linked.getWorkspaceId()).isEqualTo("9012345678");
        assertThat(linked.getWorkspaceName()).isEqualTo("Example Workspace");
        assertThat(linked.getRole()).isEqualTo(Role.OWNER);
        assertThat(linked.getAuthorizedWorkspaces()).hasSize(2);
    }
}
