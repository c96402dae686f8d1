package io.hublink.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hublink.app.replay.Replay;
import io.hublink.app.replay.Replay.Options;
import io.hublink.app.replay.Replay.Summary;
import io.hublink.app.requests.RequestFile;
import io.hublink.app.requests.RequestPublisher;
import io.hublink.events.AccountLinked;
import io.hublink.events.FailureReason;
import io.hublink.events.LinkFailed;
import io.hublink.events.LinkNotification;
import io.hublink.events.NotificationKind;
import io.hublink.events.Purpose;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.pipeline.KafkaConnection;
import io.hublink.pipeline.PipelineListener;
import io.hublink.publisher.StatusPublisher;
import io.hublink.schemas.EventCodec;
import io.hublink.schemas.envelope.Keyring;
import io.hublink.testkit.clickup.Account;
import io.hublink.testkit.clickup.ClickUpSimulator;
import io.hublink.testkit.clickup.Fault;
import io.hublink.testkit.clickup.Scenario;
import io.hublink.testkit.clickup.User;
import io.hublink.testkit.clickup.Workspace;
import io.hublink.testkit.kafka.KafkaClusterExtension;
import io.hublink.worker.LinkerWorker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Re-validation end to end: the links that broke are found; an outage never breaks one. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ReplayIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    static final String JANE = "pk_81234567_REPLAYITJANE000000000000000000000";
    static final String JOHN = "pk_87654321_REPLAYITJOHN000000000000000000000";
    static final String GUEST = "pk_81122334_REPLAYITGUEST00000000000000000000";
    static final String UNKNOWN = "pk_80000000_REPLAYITNOBODY0000000000000000000";

    static final HublinkTopics TOPICS = HublinkTopics.ofDefaults();
    static final EventCodec CODEC = EventCodec.ofDefaults();
    static final Keyring KEYRING = Keyring.generate();
    static ClickUpSimulator clickUp;
    static LinkerWorker worker;
    static StatusPublisher publisher;
    static KafkaConnection connection;

    @BeforeAll
    static void start() {
        connection = KafkaConnection.of(KAFKA.bootstrapServers());
        clickUp = ClickUpSimulator.start(Scenario.empty()
                .withAccount(Account.of(JANE, User.of(1, "Jane", "jane@example.com"), Workspace.of("9012345678", "Example", 1)))
                .withAccount(Account.of(JOHN, User.of(2, "John", "john@example.com"), Workspace.of("9012345678", "Example", 3)))
                .withAccount(Account.of(GUEST, User.of(3, "Guest", "guest@example.com"), Workspace.of("9012345678", "Example", 4)))
                .withLatency(Duration.ofMillis(5)), 0);
        worker = LinkerWorker.start(LinkerWorker.WorkerSettings.of(connection, URI.create(clickUp.url()), KEYRING, "replay-it"),
                PipelineListener.NONE);
        publisher = StatusPublisher.start(StatusPublisher.PublisherSettings.of(connection, "replay-it"), PipelineListener.NONE);
    }

    @AfterAll
    static void stop() {
        publisher.close();
        worker.close();
        clickUp.close();
    }

    @Test
    void should_invalidate_only_the_regenerated_token_and_never_for_an_outage() throws Exception {
        // given three linked accounts
        link("{\"tenantId\":\"t-1\",\"accountId\":\"acc-jane\",\"token\":\"" + JANE + "\",\"workspace\":\"9012345678\"}\n"
                + "{\"tenantId\":\"t-1\",\"accountId\":\"acc-john\",\"token\":\"" + JOHN + "\",\"workspace\":\"9012345678\"}\n"
                + "{\"tenantId\":\"t-2\",\"accountId\":\"acc-guest\",\"token\":\"" + GUEST + "\",\"workspace\":\" 9012345678 \"}\n");
        await().atMost(Duration.ofSeconds(60)).until(() -> outcomes(Purpose.LINK).size() == 3);
        assertThat(outcomes(Purpose.LINK)).allMatch(o -> o instanceof AccountLinked);
        // John regenerates his token in ClickUp
        clickUp.revoke(JOHN);

        // when: a replay meets an outage that outlasts its deadlines
        clickUp.injectFault(Fault.ofStatus(503));
        Summary duringOutage = replay(new Options(Optional.empty(), Optional.empty(), Optional.empty(), false, 100,
                Optional.of(Duration.ofSeconds(2))), new ByteArrayOutputStream());
        assertThat(duringOutage.line()).isEqualTo("replay: accounts=3 published=3 skipped=0");
        await().atMost(Duration.ofSeconds(60)).until(() -> outcomes(Purpose.REVALIDATE).size() == 3);

        // then: every one failed as retryable provider trouble, nothing was invalidated
        assertThat(outcomes(Purpose.REVALIDATE)).allSatisfy(o -> {
            assertThat(o).isInstanceOf(LinkFailed.class);
            assertThat(((LinkFailed) o).getReason()).isEqualTo(FailureReason.PROVIDER_UNAVAILABLE);
            assertThat(((LinkFailed) o).getRetryable()).isTrue();
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications().size() == 6);
        assertThat(notifications()).noneMatch(n -> n.getKind() == NotificationKind.ACCOUNT_INVALIDATED);
        assertThat(tombstones()).isEmpty();

        // when: ClickUp is back and replay runs again
        clickUp.clearFaults();
        replay(new Options(Optional.empty(), Optional.empty(), Optional.empty(), false, 100, Optional.empty()),
                new ByteArrayOutputStream());
        await().atMost(Duration.ofSeconds(90)).until(() -> outcomes(Purpose.REVALIDATE).size() == 6);

        // then: exactly one invalidation, for John, and his link is tombstoned
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications().size() == 9);
        List<LinkNotification> invalidated = notifications().stream()
                .filter(n -> n.getKind() == NotificationKind.ACCOUNT_INVALIDATED).collect(Collectors.toList());
        assertThat(invalidated).extracting(LinkNotification::getAccountId).containsExactly("acc-john");
        assertThat(invalidated.get(0).getMessage()).contains("stopped working").contains("Settings");
        assertThat(tombstones()).containsExactly("acc-john");

        // and a dry run lists only what is still linked, publishing nothing
        int requestsBefore = KAFKA.readAll(TOPICS.requests(), Duration.ofMillis(500)).size();
        ByteArrayOutputStream dry = new ByteArrayOutputStream();
        Summary dryRun = replay(new Options(Optional.empty(), Optional.empty(), Optional.empty(), true, 100,
                Optional.empty()), dry);
        assertThat(dryRun.line()).isEqualTo("replay: accounts=2 published=0 skipped=0");
        assertThat(dry.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList())).containsExactlyInAnyOrder(
                "would revalidate tenant=t-1 account=acc-jane workspace=9012345678",
                "would revalidate tenant=t-2 account=acc-guest workspace=9012345678");
        assertThat(KAFKA.readAll(TOPICS.requests(), Duration.ofMillis(500))).hasSize(requestsBefore);

        // and one tenant's links alone
        Summary oneTenant = replay(new Options(Optional.empty(), Optional.empty(), Optional.of("t-2"), false, 100,
                Optional.empty()), new ByteArrayOutputStream());
        assertThat(oneTenant.line()).isEqualTo("replay: accounts=1 published=1 skipped=0");
        await().atMost(Duration.ofSeconds(60)).until(() -> outcomes(Purpose.REVALIDATE).size() == 7);
    }

    @Test
    void should_pick_the_requests_of_a_time_range_by_timestamp() throws Exception {
        // Unknown tokens: these requests never link, so the other test's set of linked accounts stays its own.
        link("{\"tenantId\":\"t-9\",\"accountId\":\"acc-early\",\"token\":\"" + UNKNOWN + "\",\"workspace\":\"9012345678\"}\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> KAFKA.readAll(TOPICS.requests(), Duration.ofMillis(200)).stream()
                .anyMatch(r -> new String(r.key(), StandardCharsets.UTF_8).equals("acc-early")));
        Thread.sleep(20); // the boundary must fall strictly between the two records' timestamps
        Instant boundary = Instant.now();
        Thread.sleep(20);
        link("{\"tenantId\":\"t-9\",\"accountId\":\"acc-late\",\"token\":\"" + UNKNOWN + "\",\"workspace\":\"9012345678\"}\n"
                + "{\"tenantId\":\"t-9\",\"accountId\":\"acc-late\",\"token\":\"" + UNKNOWN + "\",\"workspace\":\"1\"}\n");

        ByteArrayOutputStream since = new ByteArrayOutputStream();
        replay(new Options(Optional.of(boundary), Optional.empty(), Optional.of("t-9"), true, 100, Optional.empty()), since);
        ByteArrayOutputStream before = new ByteArrayOutputStream();
        replay(new Options(Optional.of(boundary.minusSeconds(3600)), Optional.of(boundary), Optional.of("t-9"), true, 100,
                Optional.empty()), before);

        assertThat(since.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("would revalidate tenant=t-9 account=acc-late workspace=1");
        assertThat(before.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("would revalidate tenant=t-9 account=acc-early workspace=9012345678");
    }

    private static Summary replay(Options options, ByteArrayOutputStream out) throws Exception {
        return new Replay(connection, TOPICS, CODEC, Clock.systemUTC()).run(options,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
                new AtomicBoolean());
    }

    private static void link(String lines) throws Exception {
        try (RequestPublisher requests = new RequestPublisher(connection, TOPICS.requests(), KEYRING, CODEC,
                Clock.systemUTC())) {
            requests.publish(RequestFile.read(new StringReader(lines)));
        }
    }

    private static List<SpecificRecord> outcomes(Purpose purpose) {
        return KAFKA.readAll(TOPICS.outcomes(), Duration.ofMillis(200)).stream()
                .map(r -> decode(r.value()))
                .filter(o -> (o instanceof AccountLinked ? ((AccountLinked) o).getPurpose() : ((LinkFailed) o).getPurpose()) == purpose)
                // the time-range test's tenant is left out: the tests share one broker
                .filter(o -> !(o instanceof AccountLinked ? ((AccountLinked) o).getTenantId() : ((LinkFailed) o).getTenantId()).equals("t-9"))
                .collect(Collectors.toList());
    }

    private static List<LinkNotification> notifications() {
        return KAFKA.readAll(TOPICS.notifications(), Duration.ofMillis(200)).stream()
                .map(r -> (LinkNotification) decode(r.value()))
                .filter(n -> !n.getTenantId().equals("t-9"))
                .collect(Collectors.toList());
    }

    private static List<String> tombstones() {
        return KAFKA.readAll(TOPICS.accounts(), Duration.ofMillis(200)).stream()
                .filter(r -> r.value() == null)
                .map(r -> new String(r.key(), StandardCharsets.UTF_8))
                .collect(Collectors.toList());
    }

    private static SpecificRecord decode(byte[] value) {
        try {
            return CODEC.decode(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
