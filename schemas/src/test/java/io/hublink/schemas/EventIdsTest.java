package io.hublink.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Vectors computed independently with Python's uuid module:
 * {@code uuid.uuid5(uuid.UUID('6f1c2b0e-5d3a-4c1e-9b57-4e8a3f2d7c10'), 'outcome:r-1')} and so on.
 */
@Timeout(30)
class EventIdsTest {

    @Test
    void should_derive_the_outcome_event_id_as_uuid5_of_outcome_and_request_id() {
        assertThat(EventIds.outcomeEventId("r-1")).isEqualTo("7d375821-3a59-5350-9676-ce896a8ba9c2");
        assertThat(EventIds.outcomeEventId("9b0c6a5e-2f1d-4e8a-b3c7-1d2e3f4a5b6c"))
                .isEqualTo("262e37f9-99d4-5a7f-a474-db9647364ce6");
    }

    @Test
    void should_hash_the_request_id_as_utf8() {
        assertThat(EventIds.outcomeEventId("réq-ü")).isEqualTo("0891c23b-8441-5922-b022-457cab0df300");
    }

    @Test
    void should_derive_the_notification_id_as_uuid5_of_notification_and_event_id() {
        assertThat(EventIds.notificationId("7d375821-3a59-5350-9676-ce896a8ba9c2"))
                .isEqualTo("a44702ec-007b-54d9-940a-d1043e56c4ea");
    }

    @Test
    void should_mark_ids_as_version_5_ietf_variant() {
        UUID id = UUID.fromString(EventIds.outcomeEventId("anything"));
        assertThat(id.version()).isEqualTo(5);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void should_give_the_same_request_the_same_ids_and_other_requests_others() {
        assertThat(EventIds.outcomeEventId("r-1")).isEqualTo(EventIds.outcomeEventId("r-1"));
        assertThat(EventIds.outcomeEventId("r-1")).isNotEqualTo(EventIds.outcomeEventId("r-2"));
        assertThat(EventIds.notificationId("r-1")).isNotEqualTo(EventIds.outcomeEventId("r-1"));
    }
}
