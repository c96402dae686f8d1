package io.hublink.worker.decision;

import io.hublink.events.FailureReason;
import io.hublink.events.Role;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to one link request: the account is linked, or it is not and here is why. A business "no" is a value,
 * never an exception; exceptions stay at the edges.
 */
public sealed interface Verdict {

    /** The token works and reaches {@code workspaceId}; {@code owner} is empty when {@code GET /user} gave no answer. */
    record Linked(String workspaceId, String workspaceName, List<WorkspaceRef> authorizedWorkspaces,
                  Optional<TokenOwner> owner, Role role) implements Verdict {
        public Linked {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(workspaceName, "workspaceName");
            authorizedWorkspaces = List.copyOf(authorizedWorkspaces);
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(role, "role");
        }
    }

    /**
     * Not linked. {@code retryable} is true only for provider trouble (the same request may succeed later);
     * {@code providerCode} is ClickUp's ECODE when ClickUp gave one; {@code authorizedWorkspaces} is present when
     * the token worked but could not reach the workspace asked for.
     */
    record Failed(FailureReason reason, boolean retryable, Optional<String> providerCode,
                  Optional<List<WorkspaceRef>> authorizedWorkspaces) implements Verdict {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(providerCode, "providerCode");
            authorizedWorkspaces = authorizedWorkspaces.map(List::copyOf);
        }

        /** A failure with nothing more to say; retryable exactly when the reason is provider trouble. */
        public static Failed of(FailureReason reason) {
            return new Failed(reason, isProviderTrouble(reason), Optional.empty(), Optional.empty());
        }

        /** ClickUp answered about the credentials: final, with ClickUp's ECODE. */
        public static Failed rejectedByProvider(FailureReason reason, String providerCode) {
            return new Failed(reason, false, Optional.of(providerCode), Optional.empty());
        }

        /** The token works but cannot reach the workspace; these are the workspaces it can reach. */
        public static Failed workspaceNotAuthorized(List<WorkspaceRef> reachable) {
            return new Failed(FailureReason.WORKSPACE_NOT_AUTHORIZED, false, Optional.empty(), Optional.of(reachable));
        }

        /** ClickUp was unavailable or rate limited until the deadline: says nothing about the credentials. */
        public static Failed providerTrouble(FailureReason reason) {
            if (!isProviderTrouble(reason)) {
                throw new IllegalArgumentException("not a provider-trouble reason: " + reason);
            }
            return new Failed(reason, true, Optional.empty(), Optional.empty());
        }

        private static boolean isProviderTrouble(FailureReason reason) {
            return reason == FailureReason.PROVIDER_UNAVAILABLE || reason == FailureReason.PROVIDER_RATE_LIMITED;
        }
    }
}
