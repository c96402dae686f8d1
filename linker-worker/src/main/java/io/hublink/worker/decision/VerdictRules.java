package io.hublink.worker.decision;

import io.hublink.events.FailureReason;
import io.hublink.events.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides a link from {@code GET /team}'s workspaces: linked when the workspace asked for is among them (ids are
 * compared as text), otherwise WORKSPACE_NOT_AUTHORIZED with the workspaces the token can reach.
 */
public final class VerdictRules {

    private VerdictRules() {
    }

    public static Verdict decide(List<TeamInfo> teams, String workspaceId, Optional<TokenOwner> owner) {
        List<WorkspaceRef> reachable = new ArrayList<>();
        for (TeamInfo team : teams) {
            reachable.add(team.ref());
        }
        for (TeamInfo team : teams) {
            if (team.id().equals(workspaceId)) {
                return new Verdict.Linked(team.id(), team.name(), reachable, owner, roleOf(team, owner));
            }
        }
        return Verdict.Failed.workspaceNotAuthorized(reachable);
    }

    /**
     * The verdict {@code /team}'s answer settles, if any: the workspaces decide, a rejection of the credentials is
     * final. A 429 or provider trouble settles nothing (empty): the caller waits or retries.
     */
    public static Optional<Verdict> settledBy(TeamAnswer answer, String workspaceId, Optional<TokenOwner> owner) {
        if (answer instanceof TeamAnswer.Teams) {
            return Optional.of(decide(((TeamAnswer.Teams) answer).teams(), workspaceId, owner));
        }
        if (answer instanceof CredentialsRejected) {
            CredentialsRejected rejected = (CredentialsRejected) answer;
            return Optional.of(Verdict.Failed.rejectedByProvider(rejected.reason(), rejected.ecode()));
        }
        return Optional.empty();
    }

    /** The failure when the deadline passed before ClickUp gave a verdict: named after the last trouble seen. */
    public static Verdict.Failed deadlinePassed(Optional<ClickUpAnswer> lastTrouble) {
        boolean rateLimited = lastTrouble.filter(RateLimited.class::isInstance).isPresent();
        return Verdict.Failed.providerTrouble(
                rateLimited ? FailureReason.PROVIDER_RATE_LIMITED : FailureReason.PROVIDER_UNAVAILABLE);
    }

    static Role roleOf(TeamInfo team, Optional<TokenOwner> owner) {
        if (owner.isEmpty()) {
            return Role.UNKNOWN;
        }
        for (TeamMember member : team.members()) {
            if (member.userId().equals(owner.get().id())) {
                return role(member.role());
            }
        }
        return Role.UNKNOWN;
    }

    /** ClickUp's member roles: 1 owner, 2 admin, 3 member, 4 guest. */
    static Role role(int clickUpRole) {
        switch (clickUpRole) {
            case 1:
                return Role.OWNER;
            case 2:
                return Role.ADMIN;
            case 3:
                return Role.MEMBER;
            case 4:
                return Role.GUEST;
            default:
                return Role.UNKNOWN;
        }
    }
}
