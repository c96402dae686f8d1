package io.hublink.worker.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class JsonTest {

    @Test
    void should_read_objects_arrays_strings_numbers_and_literals() {
        // when
        Object value = Json.parse(bytes(
                " {\"a\": [1, -2.5e3, \"x\\n\\u00e9\\\"\"], \"b\": {\"c\": true, \"d\": false, \"e\": null}} "))
                .orElseThrow();

        // then
        assertThat(value).isEqualTo(Map.of(
                "a", List.of(new BigDecimal("1"), new BigDecimal("-2.5e3"), "x\n\u00e9\""),
                "b", Map.of("c", true, "d", false, "e", Json.NULL)));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "{", "{\"a\"}", "{\"a\":1,}", "[1,]", "01", "-", "1.", "\"abc", "tru", "{} {}",
            "<html>", "{'a':1}", "\"a\u0001\""})
    void should_refuse_what_is_not_exactly_one_json_value(String body) {
        assertThat(Json.parse(bytes(body))).isEmpty();
    }

    @Test
    void should_refuse_nesting_deeper_than_its_bound_without_overflowing() {
        assertThat(Json.parse(bytes("[".repeat(100_000)))).isEmpty();
        assertThat(Json.parse(bytes("[".repeat(10) + "]".repeat(10)))).isPresent();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
