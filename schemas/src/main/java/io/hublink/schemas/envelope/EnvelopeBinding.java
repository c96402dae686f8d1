package io.hublink.schemas.envelope;

import io.hublink.events.LinkRequested;
import io.hublink.events.LinkedAccount;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a token envelope is bound to: it opens only for the same tenant, account and workspace input, so an envelope
 * copied into another account's request is unreadable. {@code requestId} is deliberately not bound, so a replay can
 * reuse the envelope.
 *
 * @param workspaceInput the workspace exactly as the user typed it (not normalised), as carried in
 *                       {@code LinkRequested.workspaceId} and {@code LinkedAccount.workspaceInput}
 */
public record EnvelopeBinding(String tenantId, String accountId, String workspaceInput) {

    public EnvelopeBinding {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(workspaceInput, "workspaceInput");
    }

    /** The binding of a request's envelope. */
    public static EnvelopeBinding of(LinkRequested request) {
        return new EnvelopeBinding(request.getTenantId(), request.getAccountId(), request.getWorkspaceId());
    }

    /** The binding of a stored linked account's envelope. */
    public static EnvelopeBinding of(LinkedAccount account) {
        return new EnvelopeBinding(account.getTenantId(), account.getAccountId(), account.getWorkspaceInput());
    }

    /**
     * The AES-GCM associated data: the UTF-8 bytes of tenantId, accountId and workspaceInput, each preceded by its
     * length as 4 bytes big-endian (so "ab"+"c" and "a"+"bc" differ).
     */
    public byte[] associatedData() {
        byte[] tenant = tenantId.getBytes(StandardCharsets.UTF_8);
        byte[] account = accountId.getBytes(StandardCharsets.UTF_8);
        byte[] workspace = workspaceInput.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(12 + tenant.length + account.length + workspace.length)
                .putInt(tenant.length).put(tenant)
                .putInt(account.length).put(account)
                .putInt(workspace.length).put(workspace)
                .array();
    }

    /** The workspace input is user text, and people paste tokens into the wrong field: it is not shown. */
    @Override
    public String toString() {
        return "EnvelopeBinding[tenantId=" + tenantId + ", accountId=" + accountId + ", workspaceInput=<"
                + workspaceInput.length() + " chars>]";
    }
}
