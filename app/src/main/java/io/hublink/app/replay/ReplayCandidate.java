package io.hublink.app.replay;

/**
 * An account to re-validate: its stored envelope, bound to tenant, account and the workspace as typed (which is why the
 * input, not the normalised id, travels on).
 */
record ReplayCandidate(String tenantId, String accountId, String workspaceInput, byte[] envelope) {

    @Override
    public String toString() {
        return "ReplayCandidate[tenant " + tenantId + ", account " + accountId + "]";
    }
}
