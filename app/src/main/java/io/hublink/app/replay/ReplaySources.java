package io.hublink.app.replay;

import io.hublink.events.LinkRequested;
import io.hublink.events.LinkedAccount;
import io.hublink.events.Purpose;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.pipeline.KafkaConnection;
import io.hublink.schemas.EventCodec;
import io.hublink.schemas.UndecodableEventException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/** Where re-validations come from: the linked accounts, or the requests of a time range (the latest per account). */
final class ReplaySources {

    /** What a source found. {@code skipped} counts records that were re-validations themselves or unreadable. */
    record Found(List<ReplayCandidate> candidates, int skipped) {
    }

    private final KafkaConnection connection;
    private final HublinkTopics topics;
    private final EventCodec codec;

    ReplaySources(KafkaConnection connection, HublinkTopics topics, EventCodec codec) {
        this.connection = connection;
        this.topics = topics;
        this.codec = codec;
    }

    /** Every account currently linked: the latest record per key of the compacted accounts topic, tombstones removing. */
    Found linked(Optional<String> tenant) {
        Map<String, ReplayCandidate> latest = new LinkedHashMap<>();
        int[] skipped = {0};
        try (SnapshotReader reader = new SnapshotReader(connection, topics.accounts())) {
            reader.readAll(record -> {
                String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
                if (record.value() == null) {
                    latest.remove(key);
                    return;
                }
                Optional<LinkedAccount> account = decode(record.value(), LinkedAccount.class);
                if (account.isEmpty()) {
                    skipped[0]++;
                    return;
                }
                LinkedAccount a = account.get();
                latest.remove(key); // keep the order of the latest write
                latest.put(key, new ReplayCandidate(a.getTenantId(), a.getAccountId(), a.getWorkspaceInput(), bytes(a.getToken())));
            });
        }
        return new Found(filter(latest, tenant), skipped[0]);
    }

    /** The latest request per account among those published in [since, until), re-validations excluded. */
    Found requests(Instant since, Optional<Instant> until, Optional<String> tenant) {
        Map<String, ReplayCandidate> latest = new LinkedHashMap<>();
        int[] skipped = {0};
        try (SnapshotReader reader = new SnapshotReader(connection, topics.requests())) {
            reader.readSince(since.toEpochMilli(), record -> {
                if (until.isPresent() && record.timestamp() >= until.get().toEpochMilli()) {
                    return;
                }
                Optional<LinkRequested> request = decode(record.value(), LinkRequested.class);
                if (request.isEmpty() || request.get().getPurpose() == Purpose.REVALIDATE) {
                    skipped[0]++;
                    return;
                }
                LinkRequested r = request.get();
                latest.remove(r.getAccountId());
                latest.put(r.getAccountId(),
                        new ReplayCandidate(r.getTenantId(), r.getAccountId(), r.getWorkspaceId(), bytes(r.getToken())));
            });
        }
        return new Found(filter(latest, tenant), skipped[0]);
    }

    private static List<ReplayCandidate> filter(Map<String, ReplayCandidate> latest, Optional<String> tenant) {
        List<ReplayCandidate> out = new ArrayList<>();
        for (ReplayCandidate candidate : latest.values()) {
            if (tenant.isEmpty() || tenant.get().equals(candidate.tenantId())) {
                out.add(candidate);
            }
        }
        return out;
    }

    private <T extends SpecificRecord> Optional<T> decode(byte[] value, Class<T> type) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            SpecificRecord decoded = codec.decode(value);
            return type.isInstance(decoded) ? Optional.of(type.cast(decoded)) : Optional.empty();
        } catch (UndecodableEventException e) {
            return Optional.empty();
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
