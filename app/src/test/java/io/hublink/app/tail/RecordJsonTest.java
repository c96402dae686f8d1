package io.hublink.app.tail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hublink.events.LinkRequested;
import io.hublink.events.LinkedAccount;
import io.hublink.events.Purpose;
import io.hublink.schemas.EventCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What {@code tail} prints never holds a token: not the envelope, and not one pasted into the workspace field. */
@Timeout(10)
class RecordJsonTest {

    private static final String PASTED = "pk_81234567_RECORDJSONPASTED00000000000000";
    private final EventCodec codec = EventCodec.ofDefaults();
    private final RecordJson json = new RecordJson(codec);

    @Test
    void should_redact_a_token_typed_into_the_workspace_field_of_a_request() {
        ObjectNode printed = json.event(record(request(PASTED)));

        assertThat(printed.get("workspaceId").asText()).isEqualTo("[redacted]");
        assertThat(printed.toString()).doesNotContain("RECORDJSONPASTED").doesNotContain("token");
    }

    @Test
    void should_show_a_workspace_typed_as_a_link_as_typed_without_control_characters() {
        ObjectNode printed = json.event(record(request("https://app.clickup.com/9012345678/home\r\n")));

        assertThat(printed.get("workspaceId").asText()).isEqualTo("https://app.clickup.com/9012345678/home");
    }

    @Test
    void should_redact_a_token_in_the_stored_workspace_input_of_a_linked_account() {
        LinkedAccount account = LinkedAccount.newBuilder()
                .setTenantId("t-1").setAccountId("acc-1").setWorkspaceInput("app.clickup.com/9012345678/" + PASTED)
                .setWorkspaceId("9012345678").setToken(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .setTokenFingerprint("fp").setLinkedAt(Instant.EPOCH).setLastValidatedAt(Instant.EPOCH).build();

        ObjectNode printed = json.event(record(account));

        assertThat(printed.get("workspaceInput").asText()).isEqualTo("[redacted]");
        assertThat(printed.get("workspaceId").asText()).isEqualTo("9012345678");
        assertThat(printed.has("token")).isFalse();
    }

    private static LinkRequested request(String workspace) {
        return LinkRequested.newBuilder()
                .setRequestId("5c167ac2-b165-4baa-bc65-384ef8be8fbd").setTenantId("t-1").setAccountId("acc-1")
                .setProvider("clickup").setWorkspaceId(workspace).setToken(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .setPurpose(Purpose.LINK).setRequestedAt(Instant.EPOCH).build();
    }

    private ConsumerRecord<byte[], byte[]> record(SpecificRecord event) {
        return new ConsumerRecord<>("topic", 0, 0L, "acc-1".getBytes(StandardCharsets.UTF_8), codec.encode(event));
    }
}
