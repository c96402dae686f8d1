package io.hublink.app;

import io.hublink.events.AccountLinked;
import io.hublink.events.LinkFailed;
import io.hublink.events.LinkNotification;
import io.hublink.events.LinkRequested;
import io.hublink.events.Purpose;
import io.hublink.schemas.EventCodec;
import io.hublink.schemas.SecretToken;
import io.hublink.schemas.UndecodableEventException;
import io.hublink.schemas.envelope.EnvelopeBinding;
import io.hublink.schemas.envelope.Keyring;
import io.hublink.schemas.envelope.TokenEnvelope;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/** Test data and readings of hublink's events, for the tests that drive the jar's roles from outside. */
final class LinkEvents {

    static final EventCodec CODEC = EventCodec.ofDefaults();

    private LinkEvents() {
    }

    /** A request whose token is sealed under the keyring's active key, bound to its tenant, account and workspace. */
    static LinkRequested request(Keyring keyring, String requestId, String accountId, String token, String workspace) {
        String tenantId = "t-1";
        byte[] envelope = TokenEnvelope.seal(keyring, SecretToken.of(token),
                new EnvelopeBinding(tenantId, accountId, workspace));
        return LinkRequested.newBuilder()
                .setRequestId(requestId)
                .setTenantId(tenantId)
                .setAccountId(accountId)
                .setProvider("clickup")
                .setWorkspaceId(workspace)
                .setToken(ByteBuffer.wrap(envelope))
                .setPurpose(Purpose.LINK)
                .setRequestedAt(Instant.now())
                .build();
    }

    static SpecificRecord decode(byte[] value) {
        try {
            return CODEC.decode(value);
        } catch (UndecodableEventException e) {
            throw new AssertionError("undecodable record: " + e.getMessage(), e);
        }
    }

    static String requestIdOf(SpecificRecord outcome) {
        if (outcome instanceof AccountLinked) {
            return ((AccountLinked) outcome).getRequestId();
        }
        if (outcome instanceof LinkFailed) {
            return ((LinkFailed) outcome).getRequestId();
        }
        if (outcome instanceof LinkNotification) {
            return ((LinkNotification) outcome).getRequestId();
        }
        throw new AssertionError("not an outcome: " + outcome.getSchema().getName());
    }

    static String eventIdOf(SpecificRecord outcome) {
        if (outcome instanceof AccountLinked) {
            return ((AccountLinked) outcome).getEventId();
        }
        if (outcome instanceof LinkFailed) {
            return ((LinkFailed) outcome).getEventId();
        }
        throw new AssertionError("not an outcome: " + outcome.getSchema().getName());
    }
}
