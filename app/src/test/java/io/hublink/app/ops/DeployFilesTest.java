package io.hublink.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.hublink.app.HublinkCommand;
import io.hublink.pipeline.HublinkTopics;
import io.hublink.publisher.webhooks.WebhookTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * No Docker engine runs here, so the deploy files are checked statically: the compose services, ports and profiles,
 * the Kafka image (official, KRaft, the clients' version), the topic-creation step, Prometheus's targets, the
 * Dockerfile's stages, and that every hublink command they run is a real subcommand with real flags (parsed by the
 * command line itself).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DeployFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String IMAGE = "hublink:local";
    private static final Pattern SHELL_HUBLINK = Pattern.compile("(?:^|[;&|]\\s*|\\s)hublink\\s+([^;&|\\n]+)");

    private final Map<String, Object> compose = yaml("docker-compose.yml");
    private final Map<String, Map<String, Object>> services = map(compose.get("services"));

    @Test
    void should_define_the_services_and_put_only_the_local_tries_behind_the_demo_profile() {
        assertThat(services).containsOnlyKeys("kafka", "topics", "keys", "worker", "publisher", "prometheus",
                "clickup-sim", "demo-requests");
        services.forEach((name, service) -> {
            if (name.equals("clickup-sim") || name.equals("demo-requests")) {
                assertThat(service.get("profiles")).as(name).isEqualTo(List.of("demo"));
            } else {
                assertThat(service).as(name).doesNotContainKey("profiles");
            }
        });
    }

    @Test
    void should_run_the_official_kafka_image_in_kraft_mode_at_the_clients_version() throws Exception {
        String kafkaVersion = rootPomProperty("kafka.version");
        Map<String, Object> kafka = services.get("kafka");
        assertThat(kafka.get("image")).isEqualTo("apache/kafka:" + kafkaVersion);
        Map<String, Object> env = map(kafka.get("environment"));
        assertThat(String.valueOf(env.get("KAFKA_PROCESS_ROLES")).split(",")).containsExactlyInAnyOrder("broker",
                "controller");
        assertThat(String.valueOf(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))).isEqualTo("1@kafka:9093");
        assertThat(String.valueOf(env.get("KAFKA_ADVERTISED_LISTENERS"))).contains("kafka:9092");
        assertThat(env.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")).isEqualTo(1);
        assertThat(Files.readString(ROOT.resolve("docker-compose.yml")).toLowerCase()).doesNotContain("zookeeper");
        assertThat(map(kafka.get("healthcheck"))).containsKey("test");
    }

    @Test
    void should_create_every_topic_hublink_uses_before_worker_and_publisher_start() {
        Map<String, Object> topics = services.get("topics");
        assertThat(topics.get("image")).isEqualTo(services.get("kafka").get("image"));
        assertThat(map(map(topics.get("depends_on")).get("kafka"))).containsEntry("condition", "service_healthy");
        String script = String.join("\n", strings(topics.get("command")));
        HublinkTopics hublink = HublinkTopics.ofDefaults();
        WebhookTopics webhooks = WebhookTopics.ofDefaults();
        List<String> plain = List.of(hublink.requests(), hublink.outcomes(), hublink.notifications(), hublink.dlq(),
                webhooks.redrive());
        List<String> compacted = List.of(hublink.accounts(), webhooks.parked());
        for (String topic : plain) {
            assertThat(script).as(topic).containsPattern("(?m)^\\s*create " + Pattern.quote(topic) + "\\s*$");
        }
        for (String topic : compacted) {
            assertThat(script).as(topic).containsPattern("(?m)^\\s*create " + Pattern.quote(topic)
                    + " --config cleanup.policy=compact\\s*$");
        }
        assertThat(script).contains("--partitions " + hublink.partitions()).contains("--if-not-exists");
        for (String role : List.of("worker", "publisher")) {
            assertThat(map(map(services.get(role).get("depends_on")).get("topics")))
                    .containsEntry("condition", "service_completed_successfully");
        }
    }

    @Test
    void should_start_worker_and_publisher_from_the_one_image_with_their_ops_port_published_and_scraped() {
        Map<String, Object> prometheus = yaml("deploy/prometheus.yml");
        List<String> targets = new ArrayList<>();
        for (Map<String, Object> job : this.<Map<String, Object>>list(prometheus.get("scrape_configs"))) {
            for (Map<String, Object> config : this.<Map<String, Object>>list(job.get("static_configs"))) {
                targets.addAll(strings(config.get("targets")));
            }
        }
        for (String role : List.of("worker", "publisher")) {
            Map<String, Object> service = services.get(role);
            assertThat(service.get("image")).isEqualTo(IMAGE);
            assertThat(service.get("build")).isEqualTo(".");
            List<String> command = strings(service.get("command"));
            assertThat(command.get(0)).isEqualTo(role);
            String opsPort = command.get(command.indexOf("--ops-port") + 1);
            assertThat(strings(service.get("ports"))).as(role).anyMatch(p -> p.endsWith(":" + opsPort));
            assertThat(targets).as("prometheus scrapes " + role).contains(role + ":" + opsPort);
        }
        assertThat(strings(services.get("prometheus").get("volumes")))
                .contains("./deploy/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
        assertThat(strings(services.get("prometheus").get("ports"))).contains("9090:9090");
        services.values().stream().filter(s -> IMAGE.equals(s.get("image")))
                .forEach(s -> assertThat(s.get("build")).isEqualTo("."));
    }

    @Test
    void should_run_only_real_hublink_subcommands_with_real_flags() throws Exception {
        Map<String, List<String>> invocations = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            if (!IMAGE.equals(service.get("image"))) {
                return;
            }
            if (service.containsKey("entrypoint")) {
                List<String> shell = strings(service.get("command"));
                Matcher m = SHELL_HUBLINK.matcher(String.join("\n", shell));
                int found = 0;
                while (m.find()) {
                    invocations.put(name + "#" + found++, Arrays.asList(m.group(1).trim().split("\\s+")));
                }
                assertThat(found).as(name + " runs hublink").isPositive();
            } else {
                invocations.put(name, strings(service.get("command")));
            }
        });
        invocations.put("Dockerfile CMD", dockerfileJson("CMD"));
        assertThat(invocations).containsKeys("keys#0", "worker", "publisher", "clickup-sim", "demo-requests");

        for (Map.Entry<String, List<String>> invocation : invocations.entrySet()) {
            CommandLine.ParseResult parsed;
            try {
                parsed = HublinkCommand.commandLine().parseArgs(invocation.getValue().toArray(new String[0]));
            } catch (CommandLine.ParameterException e) {
                throw new AssertionError(invocation.getKey() + " runs `hublink " + String.join(" ",
                        invocation.getValue()) + "`: " + e.getMessage(), e);
            }
            CommandLine.ParseResult leaf = parsed;
            while (leaf.subcommand() != null) {
                leaf = leaf.subcommand();
            }
            if (invocation.getKey().equals("Dockerfile CMD")) {
                assertThat(parsed.isUsageHelpRequested()).isTrue();
                continue;
            }
            assertThat(leaf.commandSpec().subcommands()).as(invocation.getKey() + " names a command to run")
                    .isEmpty();
            assertThat(leaf.isUsageHelpRequested()).isFalse();
        }
        // the keyring the worker reads is on a volume the keys step writes
        List<String> worker = strings(services.get("worker").get("command"));
        String keysPath = worker.get(worker.indexOf("--keys") + 1);
        assertThat(strings(services.get("worker").get("volumes"))).anyMatch(v -> keysPath.startsWith(
                v.split(":")[1] + "/"));
        assertThat(String.join(" ", strings(services.get("keys").get("command")))).contains("--out " + keysPath);
    }

    @Test
    void should_build_the_jar_with_maven_and_run_it_on_a_jre_as_a_user() throws Exception {
        List<String> lines = Files.readAllLines(ROOT.resolve("Dockerfile"));
        List<String> from = lines.stream().filter(l -> l.startsWith("FROM ")).collect(Collectors.toList());
        assertThat(from).hasSize(2);
        assertThat(from.get(0)).matches("FROM maven:\\S*temurin-17\\S* AS build");
        assertThat(from.get(1)).matches("FROM eclipse-temurin:17-jre\\S*");
        String dockerfile = String.join("\n", lines);
        assertThat(dockerfile).containsPattern("mvn [^\\n]*package -pl app -am");
        assertThat(dockerfile).contains("COPY --from=build /src/app/target/hublink.jar /opt/hublink/hublink.jar");
        assertThat(dockerfileJson("ENTRYPOINT")).containsExactly("hublink");
        assertThat(lines).anyMatch(l -> l.matches("USER (?!root)\\S+"));
        String opsPort = strings(services.get("worker").get("command"))
                .get(strings(services.get("worker").get("command")).indexOf("--ops-port") + 1);
        assertThat(lines).contains("EXPOSE " + opsPort);

        // the launcher in the image runs the jar the build stage copied
        Path launcher = ROOT.resolve("deploy/hublink.sh");
        assertThat(Files.isExecutable(launcher)).isTrue();
        assertThat(Files.readString(launcher)).contains("exec java").contains("-jar /opt/hublink/hublink.jar \"$@\"");
        assertThat(dockerfile).contains("COPY deploy/hublink.sh /usr/local/bin/hublink");

        // every module of the build is copied in, and every COPY source exists
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        while (modules.find()) {
            assertThat(dockerfile).as("module " + modules.group(1)).contains("COPY " + modules.group(1) + "/src ")
                    .contains("COPY " + modules.group(1) + "/pom.xml ");
        }
        for (String line : lines) {
            if (line.startsWith("COPY ") && !line.startsWith("COPY --from")) {
                String[] parts = line.split("\\s+");
                for (int i = 1; i < parts.length - 1; i++) {
                    assertThat(ROOT.resolve(parts[i])).as(line).exists();
                }
            }
        }
        assertThat(Files.readAllLines(ROOT.resolve(".dockerignore"))).contains("**/target");
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static Map<String, Object> yaml(String file) {
        try {
            return new Yaml().load(Files.readString(ROOT.resolve(file)));
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    /** The JSON-array form of a Dockerfile instruction, e.g. ENTRYPOINT ["hublink"]. */
    private static List<String> dockerfileJson(String instruction) throws Exception {
        for (String line : Files.readAllLines(ROOT.resolve("Dockerfile"))) {
            if (line.startsWith(instruction + " [")) {
                return strings(new Yaml().load(line.substring(instruction.length() + 1)));
            }
        }
        throw new AssertionError("no " + instruction + " [...] in the Dockerfile");
    }

    private static String rootPomProperty(String name) throws Exception {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(
                Files.readString(ROOT.resolve("pom.xml")));
        assertThat(m.find()).as(name).isTrue();
        return m.group(1);
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<String, T> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, T>) value;
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<T>) value;
    }

    private static List<String> strings(Object value) {
        if (value instanceof String) {
            return List.of((String) value);
        }
        assertThat(value).isInstanceOf(List.class);
        return ((List<?>) value).stream().map(String::valueOf).collect(Collectors.toList());
    }
}
