package io.hublink.worker;

import io.hublink.events.LinkRequested;
import io.hublink.events.Purpose;
import io.hublink.schemas.SecretToken;
import io.hublink.schemas.envelope.EnvelopeBinding;
import io.hublink.schemas.envelope.Keyring;
import io.hublink.schemas.envelope.TokenEnvelope;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;

/** Test data: {@code aLinkRequest().withToken("pk_…").withWorkspace("…").sealedWith(keyring)}. */
public final class LinkRequestBuilder {

    private String requestId = UUID.randomUUID().toString();
    private String tenantId = "t-1";
    private String accountId = "acc-" + UUID.randomUUID();
    private String token = "pk_1_none";
    private String workspace = "9012345678";
    private Purpose purpose = Purpose.LINK;
    private Instant requestedAt = Instant.now();
    private Instant deadline;

    public static LinkRequestBuilder aLinkRequest() {
        return new LinkRequestBuilder();
    }

    public LinkRequestBuilder withRequestId(String value) {
        requestId = value;
        return this;
    }

    public LinkRequestBuilder withTenant(String value) {
        tenantId = value;
        return this;
    }

    public LinkRequestBuilder withAccount(String value) {
        accountId = value;
        return this;
    }

    public LinkRequestBuilder withToken(String value) {
        token = value;
        return this;
    }

    public LinkRequestBuilder withWorkspace(String value) {
        workspace = value;
        return this;
    }

    public LinkRequestBuilder withPurpose(Purpose value) {
        purpose = value;
        return this;
    }

    public LinkRequestBuilder withDeadline(Instant value) {
        deadline = value;
        return this;
    }

    public LinkRequestBuilder withRequestedAt(Instant value) {
        requestedAt = value;
        return this;
    }

    public String accountId() {
        return accountId;
    }

    public String requestId() {
        return requestId;
    }

    /** The event with the token sealed under the keyring's active key, bound to this request's fields. */
    public LinkRequested sealedWith(Keyring keyring) {
        byte[] envelope = TokenEnvelope.seal(keyring, SecretToken.of(token),
                new EnvelopeBinding(tenantId, accountId, workspace));
        return withEnvelope(envelope);
    }

    public LinkRequested withEnvelope(byte[] envelope) {
        return LinkRequested.newBuilder()
                .setRequestId(requestId)
                .setTenantId(tenantId)
                .setAccountId(accountId)
                .setProvider("clickup")
                .setWorkspaceId(workspace)
                .setToken(ByteBuffer.wrap(envelope))
                .setPurpose(purpose)
                .setRequestedAt(requestedAt)
                .setDeadline(deadline)
                .build();
    }
}
