package io.hublink.publisher.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.events.AccountLinked;
import io.hublink.events.FailureReason;
import io.hublink.events.LinkFailed;
import io.hublink.events.LinkNotification;
import io.hublink.events.LinkedUser;
import io.hublink.events.NotificationKind;
import io.hublink.events.Purpose;
import io.hublink.events.Role;
import io.hublink.events.Severity;
import io.hublink.events.Workspace;
import io.hublink.schemas.EventIds;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class NotificationRendererTest {

    private static final Instant AT = Instant.parse("2026-12-03T12:00:00Z");
    private final NotificationRenderer renderer = new NotificationRenderer();

    @Test
    void should_say_who_is_linked_to_which_workspace() {
        LinkNotification n = renderer.render(linked(Role.OWNER, Purpose.LINK));

        assertThat(n.getKind()).isEqualTo(NotificationKind.ACCOUNT_LINKED);
        assertThat(n.getSeverity()).isEqualTo(Severity.INFO);
        assertThat(n.getTitle()).isEqualTo("ClickUp account linked");
        assertThat(n.getMessage()).isEqualTo(
                "Linked as Jane Example (jane@example.com) to the ClickUp workspace \"Example Workspace\" (9012345678).");
        assertThat(n.getReason()).isNull();
        assertThat(n.getOccurredAt()).isEqualTo(AT);
    }

    @Test
    void should_warn_a_guest_that_some_actions_may_be_limited() {
        LinkNotification n = renderer.render(linked(Role.GUEST, Purpose.LINK));

        assertThat(n.getMessage()).endsWith("You are a guest in this workspace: some actions may be limited.");
    }

    @Test
    void should_derive_the_notification_id_from_the_outcome_id() {
        AccountLinked outcome = linked(Role.MEMBER, Purpose.LINK);

        LinkNotification n = renderer.render(outcome);

        assertThat(n.getSourceEventId()).isEqualTo(outcome.getEventId());
        assertThat(n.getNotificationId()).isEqualTo(EventIds.notificationId(outcome.getEventId()));
        assertThat(renderer.render(outcome)).isEqualTo(n);
    }

    @Test
    void should_pass_on_the_workers_advice_for_a_failed_link() {
        LinkNotification n = renderer.render(failed(FailureReason.TOKEN_INVALID, false, Purpose.LINK));

        assertThat(n.getKind()).isEqualTo(NotificationKind.LINK_FAILED);
        assertThat(n.getReason()).isEqualTo(FailureReason.TOKEN_INVALID);
        assertThat(n.getSeverity()).isEqualTo(Severity.ERROR);
        assertThat(n.getTitle()).isEqualTo("ClickUp did not accept the token");
        assertThat(n.getMessage()).isEqualTo("advice from the worker");
    }

    @Test
    void should_mark_provider_trouble_as_a_warning() {
        LinkNotification n = renderer.render(failed(FailureReason.PROVIDER_UNAVAILABLE, true, Purpose.LINK));

        assertThat(n.getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(n.getKind()).isEqualTo(NotificationKind.LINK_FAILED);
    }

    @ParameterizedTest
    @EnumSource(value = FailureReason.class, names = {"TOKEN_INVALID", "TOKEN_NOT_AUTHORIZED", "WORKSPACE_NOT_AUTHORIZED"})
    void should_invalidate_the_account_when_a_revalidation_fails_on_the_credentials(FailureReason reason) {
        LinkNotification n = renderer.render(failed(reason, false, Purpose.REVALIDATE));

        assertThat(n.getKind()).isEqualTo(NotificationKind.ACCOUNT_INVALIDATED);
        assertThat(n.getMessage()).contains("stopped working").contains("probably regenerated");
    }

    @ParameterizedTest
    @EnumSource(value = FailureReason.class, names = {"PROVIDER_UNAVAILABLE", "PROVIDER_RATE_LIMITED"})
    void should_never_invalidate_an_account_for_provider_trouble(FailureReason reason) {
        LinkNotification n = renderer.render(failed(reason, true, Purpose.REVALIDATE));

        assertThat(n.getKind()).isEqualTo(NotificationKind.LINK_FAILED);
    }

    @Test
    void should_have_a_title_of_its_own_for_every_reason() {
        EnumSet<FailureReason> specific = EnumSet.allOf(FailureReason.class);
        specific.remove(FailureReason.UNKNOWN);

        assertThat(specific).allSatisfy(reason ->
                assertThat(NotificationRenderer.title(reason)).isNotEqualTo(NotificationRenderer.title(FailureReason.UNKNOWN)));
    }

    private static AccountLinked linked(Role role, Purpose purpose) {
        return AccountLinked.newBuilder()
                .setEventId(EventIds.outcomeEventId("r-1")).setRequestId("r-1").setTenantId("t-1").setAccountId("acc-1")
                .setWorkspaceId("9012345678").setWorkspaceName("Example Workspace")
                .setAuthorizedWorkspaces(List.of(new Workspace("9012345678", "Example Workspace")))
                .setUser(new LinkedUser("12345678", "Jane Example", "jane@example.com"))
                .setRole(role).setTokenFingerprint("fp").setPurpose(purpose).setValidatedAt(AT)
                .build();
    }

    private static LinkFailed failed(FailureReason reason, boolean retryable, Purpose purpose) {
        return LinkFailed.newBuilder()
                .setEventId(EventIds.outcomeEventId("r-2")).setRequestId("r-2").setTenantId("t-1").setAccountId("acc-2")
                .setWorkspaceId("9012345678").setReason(reason).setRetryable(retryable).setProviderCode(null)
                .setUserMessage("advice from the worker").setAuthorizedWorkspaces(null).setPurpose(purpose)
                .setFailedAt(AT)
                .build();
    }
}
