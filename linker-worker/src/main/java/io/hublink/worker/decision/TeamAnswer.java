package io.hublink.worker.decision;

import java.util.List;

/** What {@code GET /api/v2/team} answered. */
public sealed interface TeamAnswer extends ClickUpAnswer
        permits TeamAnswer.Teams, CredentialsRejected, RateLimited, ProviderTrouble {

    /** 200 with a {@code teams} array: the token works and reaches these workspaces (possibly none). */
    record Teams(List<TeamInfo> teams) implements TeamAnswer {
        public Teams {
            teams = List.copyOf(teams);
        }
    }
}
