package io.hublink.app.demo;

import io.hublink.app.requests.RequestFile;
import io.hublink.app.requests.RequestFileException;
import io.hublink.app.requests.RequestLine;
import io.hublink.testkit.clickup.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** The demo's scenario and requests: the files given, or the samples shipped inside the jar. */
final class DemoInputs {

    static final String SAMPLE_SCENARIO = "samples/demo-scenario.json";
    static final String SAMPLE_REQUESTS = "samples/requests.jsonl";

    private DemoInputs() {
    }

    static Scenario scenario(Path file) throws IOException {
        if (file != null) {
            requireFile(file, "scenario");
            return Scenario.fromJson(file);
        }
        try (InputStream in = resource(SAMPLE_SCENARIO)) {
            return Scenario.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static List<RequestLine> requests(Path file) throws IOException, RequestFileException {
        if (file != null) {
            requireFile(file, "requests");
            try (Reader reader = Files.newBufferedReader(file)) {
                return RequestFile.read(reader);
            }
        }
        try (Reader reader = new InputStreamReader(resource(SAMPLE_REQUESTS), StandardCharsets.UTF_8)) {
            return RequestFile.read(reader);
        }
    }

    private static void requireFile(Path file, String option) throws NoSuchFileException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file + ": file not found");
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = DemoInputs.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is missing from the jar");
        }
        return in;
    }
}
