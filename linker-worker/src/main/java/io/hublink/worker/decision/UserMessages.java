package io.hublink.worker.decision;

import io.hublink.events.Role;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Words each verdict for the person linking their account: what happened and exactly what to do, in the words of
 * ClickUp's own screens. Messages never contain a token: the only user input they repeat (the workspace) goes
 * through {@link WorkspaceRedaction} first, and provider trouble always says that the credentials are fine.
 */
public final class UserMessages {

    static final String WHERE_THE_TOKEN_IS =
            "In ClickUp, click your avatar → Settings → ClickUp API (under Apps), copy the token shown there";
    static final String WHERE_THE_WORKSPACE_ID_IS =
            "The Workspace ID is the number right after app.clickup.com/ in your browser's address bar when your "
                    + "workspace is open (for example 9012345678 in app.clickup.com/9012345678/home).";

    private UserMessages() {
    }

    public static String forFailure(Verdict.Failed failed, String workspaceShown) {
        return forFailure(failed, workspaceShown, TokenShape.UNKNOWN);
    }

    /** As {@link #forFailure(Verdict.Failed, String)}, with advice that fits what the pasted token looked like. */
    public static String forFailure(Verdict.Failed failed, String workspaceShown, TokenShape shape) {
        String workspace = WorkspaceRedaction.redact(workspaceShown);
        switch (failed.reason()) {
            case TOKEN_INVALID:
                if (shape == TokenShape.NOT_PERSONAL) {
                    return "ClickUp did not accept this token, and it is not a personal API token: those start with "
                            + "pk_. An OAuth app's client ID or secret will not work here. " + WHERE_THE_TOKEN_IS
                            + " and paste it here.";
                }
                return "ClickUp did not accept this API token. It was probably regenerated, which makes the old one "
                        + "stop working. " + WHERE_THE_TOKEN_IS + " and paste it here again.";
            case TOKEN_MALFORMED:
                if (shape == TokenShape.EMPTY) {
                    return "The API token was empty. " + WHERE_THE_TOKEN_IS + " and paste it here.";
                }
                return "This is not a ClickUp API token as it was pasted. Paste only the token that starts with pk_, "
                        + "without quotes and without \"Bearer\" or \"Authorization:\" in front. "
                        + WHERE_THE_TOKEN_IS + ".";
            case TOKEN_NOT_AUTHORIZED:
                return "ClickUp recognised this API token but refused it access. Make sure it is the personal token "
                        + "of a member of the workspace. " + WHERE_THE_TOKEN_IS + " and paste it here again.";
            case WORKSPACE_ID_INVALID:
                return workspaceIdInvalid(workspace);
            case WORKSPACE_NOT_AUTHORIZED:
                return workspaceNotAuthorized(workspace, failed.authorizedWorkspaces());
            case CREDENTIALS_UNREADABLE:
                return "We could not read the token we received, so we could not check it. Nothing is known to be "
                        + "wrong with your token: please submit it again.";
            case REQUEST_INVALID:
                return "The link request was incomplete, so we could not check it. Please fill in the form and submit "
                        + "it again.";
            case PROVIDER_RATE_LIMITED:
                return "ClickUp is busy: it is limiting how many requests this token may make right now, so we could "
                        + "not finish checking it. Nothing is wrong with your token or your Workspace ID. "
                        + retryAdvice(failed);
            case PROVIDER_UNAVAILABLE:
                return "ClickUp is not available right now, so we could not check your token. Nothing is wrong with "
                        + "your token or your Workspace ID. " + retryAdvice(failed);
            case UNKNOWN:
            default:
                return "Something went wrong on our side while checking your ClickUp account. Please try again in a "
                        + "few minutes.";
        }
    }

    public static String forLinked(Verdict.Linked linked) {
        StringBuilder message = new StringBuilder("Your ClickUp account is linked to the workspace \"")
                .append(linked.workspaceName()).append("\" (").append(linked.workspaceId()).append(")");
        linked.owner().ifPresent(owner -> {
            message.append(" as ").append(owner.username());
            if (owner.email() != null && !owner.email().isEmpty()) {
                message.append(" (").append(owner.email()).append(")");
            }
        });
        if (linked.role() != Role.UNKNOWN) {
            message.append(", ").append(linked.role().name().toLowerCase(Locale.ROOT));
        }
        return message.append(".").toString();
    }

    private static String workspaceIdInvalid(String workspace) {
        if (WorkspaceRedaction.REDACTED.equals(workspace)) {
            return "The Workspace ID field seems to hold an API token. Put the token only in the token field. "
                    + WHERE_THE_WORKSPACE_ID_IS;
        }
        return "\"" + workspace + "\" is not a ClickUp Workspace ID. " + WHERE_THE_WORKSPACE_ID_IS;
    }

    private static String workspaceNotAuthorized(String workspace, Optional<List<WorkspaceRef>> reachable) {
        String head = "This token cannot reach workspace " + workspace + ". ";
        if (reachable.isEmpty()) {
            return head + "Check the Workspace ID. " + WHERE_THE_WORKSPACE_ID_IS;
        }
        if (reachable.get().isEmpty()) {
            return head + "It cannot reach any workspace: its owner is not a member of one. Use the token of a "
                    + "member of workspace " + workspace + ".";
        }
        String list = reachable.get().stream()
                .map(w -> w.name() + " (" + w.id() + ")")
                .collect(Collectors.joining(", "));
        return head + "It can reach: " + list + ". Use one of these Workspace IDs, or the token of a member of "
                + "workspace " + workspace + ".";
    }

    private static String retryAdvice(Verdict.Failed failed) {
        return failed.retryable()
                ? "Please try again in a few minutes; linking again will work once ClickUp answers."
                : "Please try again later.";
    }
}
