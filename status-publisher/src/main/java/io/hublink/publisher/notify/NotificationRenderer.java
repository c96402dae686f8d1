package io.hublink.publisher.notify;

import io.hublink.events.AccountLinked;
import io.hublink.events.FailureReason;
import io.hublink.events.LinkFailed;
import io.hublink.events.LinkNotification;
import io.hublink.events.NotificationKind;
import io.hublink.events.Purpose;
import io.hublink.events.Role;
import io.hublink.events.Severity;
import io.hublink.schemas.EventIds;
import java.util.EnumSet;
import java.util.Set;

/**
 * Words each outcome as the notification a person sees: a title, and a message that says what happened and what to do
 * next. Pure: no Kafka, no HTTP.
 */
public final class NotificationRenderer {

    /** A re-validation that fails on these means the stored link broke; provider trouble never does. */
    private static final Set<FailureReason> CREDENTIAL_FAILURES = EnumSet.of(
            FailureReason.TOKEN_INVALID, FailureReason.TOKEN_NOT_AUTHORIZED, FailureReason.WORKSPACE_NOT_AUTHORIZED);

    public LinkNotification render(AccountLinked linked) {
        String who = linked.getUser() == null ? ""
                : " as " + linked.getUser().getUsername()
                + (linked.getUser().getEmail() == null ? "" : " (" + linked.getUser().getEmail() + ")");
        String message = "Linked" + who + " to the ClickUp workspace \"" + linked.getWorkspaceName() + "\" ("
                + linked.getWorkspaceId() + ").";
        if (linked.getRole() == Role.GUEST) {
            message += " You are a guest in this workspace: some actions may be limited.";
        }
        boolean revalidation = linked.getPurpose() == Purpose.REVALIDATE;
        return base(linked.getEventId(), linked.getRequestId(), linked.getTenantId(), linked.getAccountId())
                .setKind(NotificationKind.ACCOUNT_LINKED)
                .setReason(null)
                .setSeverity(Severity.INFO)
                .setTitle(revalidation ? "ClickUp account still linked" : "ClickUp account linked")
                .setMessage(message)
                .setOccurredAt(linked.getValidatedAt())
                .build();
    }

    public LinkNotification render(LinkFailed failed) {
        boolean invalidated = failed.getPurpose() == Purpose.REVALIDATE
                && CREDENTIAL_FAILURES.contains(failed.getReason());
        if (invalidated) {
            return base(failed.getEventId(), failed.getRequestId(), failed.getTenantId(), failed.getAccountId())
                    .setKind(NotificationKind.ACCOUNT_INVALIDATED)
                    .setReason(failed.getReason())
                    .setSeverity(Severity.ERROR)
                    .setTitle("ClickUp link stopped working")
                    .setMessage("The token for the ClickUp workspace " + failed.getWorkspaceId()
                            + " stopped working — it was probably regenerated. Link the account again. "
                            + failed.getUserMessage())
                    .setOccurredAt(failed.getFailedAt())
                    .build();
        }
        return base(failed.getEventId(), failed.getRequestId(), failed.getTenantId(), failed.getAccountId())
                .setKind(NotificationKind.LINK_FAILED)
                .setReason(failed.getReason())
                .setSeverity(failed.getRetryable() ? Severity.WARNING : Severity.ERROR)
                .setTitle(title(failed.getReason()))
                .setMessage(failed.getUserMessage())
                .setOccurredAt(failed.getFailedAt())
                .build();
    }

    static String title(FailureReason reason) {
        switch (reason) {
            case TOKEN_INVALID: return "ClickUp did not accept the token";
            case TOKEN_MALFORMED: return "That does not look like a ClickUp token";
            case TOKEN_NOT_AUTHORIZED: return "ClickUp token not allowed";
            case WORKSPACE_ID_INVALID: return "Workspace ID not recognised";
            case WORKSPACE_NOT_AUTHORIZED: return "The token cannot reach that workspace";
            case CREDENTIALS_UNREADABLE: return "Please enter your ClickUp token again";
            case REQUEST_INVALID: return "The link request was incomplete";
            case PROVIDER_RATE_LIMITED: return "ClickUp is busy right now";
            case PROVIDER_UNAVAILABLE: return "ClickUp is not reachable right now";
            default: return "Could not link ClickUp";
        }
    }

    private static LinkNotification.Builder base(String eventId, String requestId, String tenantId, String accountId) {
        return LinkNotification.newBuilder()
                .setNotificationId(EventIds.notificationId(eventId))
                .setSourceEventId(eventId)
                .setRequestId(requestId)
                .setTenantId(tenantId)
                .setAccountId(accountId);
    }
}
