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
import io.hublink.events.Workspace;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Words each outcome as the notification a person sees: a title, and a message that says what happened and what to do
 * next. A tenant's templates ({@link NotificationTemplates}) may override either, per reason. Pure: no Kafka, no HTTP.
 */
public final class NotificationRenderer {

    private final NotificationTemplates templates;

    public NotificationRenderer() {
        this(NotificationTemplates.none());
    }

    public NotificationRenderer(NotificationTemplates templates) {
        this.templates = templates;
    }

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
        Wording wording = new Wording(revalidation ? "ClickUp account still linked" : "ClickUp account linked",
                message).overriddenBy(templates.find(linked.getTenantId(), NotificationTemplates.ACCOUNT_LINKED),
                linkedValues(linked));
        return base(linked.getEventId(), linked.getRequestId(), linked.getTenantId(), linked.getAccountId())
                .setKind(NotificationKind.ACCOUNT_LINKED)
                .setReason(null)
                .setSeverity(Severity.INFO)
                .setTitle(wording.title())
                .setMessage(wording.message())
                .setOccurredAt(linked.getValidatedAt())
                .build();
    }

    public LinkNotification render(LinkFailed failed) {
        boolean invalidated = failed.getPurpose() == Purpose.REVALIDATE
                && CREDENTIAL_FAILURES.contains(failed.getReason());
        if (invalidated) {
            String message = "The token for the ClickUp workspace " + failed.getWorkspaceId()
                    + " stopped working — it was probably regenerated. Link the account again. "
                    + failed.getUserMessage();
            Wording wording = new Wording("ClickUp link stopped working", message).overriddenBy(
                    templates.find(failed.getTenantId(), NotificationTemplates.ACCOUNT_INVALIDATED),
                    failedValues(failed, message));
            return base(failed.getEventId(), failed.getRequestId(), failed.getTenantId(), failed.getAccountId())
                    .setKind(NotificationKind.ACCOUNT_INVALIDATED)
                    .setReason(failed.getReason())
                    .setSeverity(Severity.ERROR)
                    .setTitle(wording.title())
                    .setMessage(wording.message())
                    .setOccurredAt(failed.getFailedAt())
                    .build();
        }
        Wording wording = new Wording(title(failed.getReason()), failed.getUserMessage()).overriddenBy(
                templates.find(failed.getTenantId(), failed.getReason().name()),
                failedValues(failed, failed.getUserMessage()));
        return base(failed.getEventId(), failed.getRequestId(), failed.getTenantId(), failed.getAccountId())
                .setKind(NotificationKind.LINK_FAILED)
                .setReason(failed.getReason())
                .setSeverity(failed.getRetryable() ? Severity.WARNING : Severity.ERROR)
                .setTitle(wording.title())
                .setMessage(wording.message())
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

    /** A title and a message; a template replaces either or both, filled with the outcome's values. */
    private record Wording(String title, String message) {

        Wording overriddenBy(Optional<NotificationTemplates.Template> template, Map<String, String> values) {
            if (template.isEmpty()) {
                return this;
            }
            return new Wording(template.get().title().map(t -> t.fill(values)).orElse(title),
                    template.get().message().map(t -> t.fill(values)).orElse(message));
        }
    }

    private static Map<String, String> linkedValues(AccountLinked linked) {
        Map<String, String> values = new HashMap<>();
        values.put("accountId", linked.getAccountId());
        values.put("workspaceId", linked.getWorkspaceId());
        values.put("workspaceName", linked.getWorkspaceName());
        values.put("workspaces", workspaces(linked.getAuthorizedWorkspaces()));
        values.put("user", linked.getUser() == null ? "" : linked.getUser().getUsername());
        values.put("email", linked.getUser() == null || linked.getUser().getEmail() == null ? ""
                : linked.getUser().getEmail());
        values.put("role", linked.getRole().name().toLowerCase(Locale.ROOT));
        return values;
    }

    private static Map<String, String> failedValues(LinkFailed failed, String defaultMessage) {
        Map<String, String> values = new HashMap<>();
        values.put("accountId", failed.getAccountId());
        values.put("workspaceId", failed.getWorkspaceId());
        values.put("workspaces", workspaces(failed.getAuthorizedWorkspaces()));
        values.put("reason", failed.getReason().name());
        values.put("providerCode", failed.getProviderCode() == null ? "" : failed.getProviderCode());
        values.put("defaultMessage", defaultMessage);
        return values;
    }

    /** "Name (id), Name (id)", or empty when unknown. */
    private static String workspaces(List<Workspace> workspaces) {
        if (workspaces == null) {
            return "";
        }
        return workspaces.stream().map(w -> w.getName() + " (" + w.getId() + ")").collect(Collectors.joining(", "));
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
