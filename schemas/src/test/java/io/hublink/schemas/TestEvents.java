package io.hublink.schemas;

import io.hublink.events.AccountLinked;
import io.hublink.events.FailureReason;
import io.hublink.events.LinkFailed;
import io.hublink.events.LinkNotification;
import io.hublink.events.LinkRequested;
import io.hublink.events.LinkedAccount;
import io.hublink.events.LinkedUser;
import io.hublink.events.NotificationKind;
import io.hublink.events.Purpose;
import io.hublink.events.Role;
import io.hublink.events.Severity;
import io.hublink.events.Workspace;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Builders of complete events, every optional field set, so tests state only what they are about. */
final class TestEvents {

    static final Instant AT = Instant.parse("2026-12-03T10:15:30.123Z");

    private TestEvents() {
    }

    static LinkRequested.Builder aLinkRequested() {
        return LinkRequested.newBuilder()
                .setRequestId("9b0c6a5e-2f1d-4e8a-b3c7-1d2e3f4a5b6c")
                .setTenantId("t-1")
                .setAccountId("acc-1")
                .setProvider("clickup")
                .setWorkspaceId(" https://app.clickup.com/9012345678/home ")
                .setToken(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}))
                .setPurpose(Purpose.REVALIDATE)
                .setRequestedAt(AT)
                .setDeadline(AT.plusSeconds(900));
    }

    static AccountLinked.Builder anAccountLinked() {
        return AccountLinked.newBuilder()
                .setEventId(EventIds.outcomeEventId("r-1"))
                .setRequestId("r-1")
                .setTenantId("t-1")
                .setAccountId("acc-1")
                .setWorkspaceId("9012345678")
                .setWorkspaceName("Acme")
                .setAuthorizedWorkspaces(List.of(new Workspace("9012345678", "Acme"), new Workspace("42", "Ünïcode")))
                .setUser(new LinkedUser("123", "ada", "ada@example.com"))
                .setRole(Role.ADMIN)
                .setTokenFingerprint("q83vEjRWeJA")
                .setPurpose(Purpose.LINK)
                .setValidatedAt(AT);
    }

    static LinkFailed.Builder aLinkFailed() {
        return LinkFailed.newBuilder()
                .setEventId(EventIds.outcomeEventId("r-2"))
                .setRequestId("r-2")
                .setTenantId("t-1")
                .setAccountId("acc-2")
                .setWorkspaceId("9012345678")
                .setReason(FailureReason.WORKSPACE_NOT_AUTHORIZED)
                .setRetryable(false)
                .setProviderCode("OAUTH_025")
                .setUserMessage("This token cannot reach workspace 9012345678.")
                .setAuthorizedWorkspaces(List.of(new Workspace("42", "Other")))
                .setPurpose(Purpose.LINK)
                .setFailedAt(AT);
    }

    static LinkNotification.Builder aLinkNotification() {
        return LinkNotification.newBuilder()
                .setNotificationId(EventIds.notificationId(EventIds.outcomeEventId("r-2")))
                .setSourceEventId(EventIds.outcomeEventId("r-2"))
                .setRequestId("r-2")
                .setTenantId("t-1")
                .setAccountId("acc-2")
                .setKind(NotificationKind.LINK_FAILED)
                .setReason(FailureReason.TOKEN_INVALID)
                .setSeverity(Severity.ERROR)
                .setTitle("ClickUp token not accepted")
                .setMessage("Regenerate it under avatar → Settings → ClickUp API.")
                .setOccurredAt(AT);
    }

    static LinkedAccount.Builder aLinkedAccount() {
        return LinkedAccount.newBuilder()
                .setTenantId("t-1")
                .setAccountId("acc-1")
                .setWorkspaceInput("9012345678")
                .setWorkspaceId("9012345678")
                .setToken(ByteBuffer.wrap(new byte[] {9, 8, 7}))
                .setTokenFingerprint("q83vEjRWeJA")
                .setLinkedAt(AT)
                .setLastValidatedAt(AT.plusSeconds(60));
    }

    /** One complete record of every released event schema. */
    static List<SpecificRecord> oneOfEach() {
        return List.of(aLinkRequested().build(), anAccountLinked().build(), aLinkFailed().build(),
                aLinkNotification().build(), aLinkedAccount().build());
    }
}
