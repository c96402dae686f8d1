package io.hublink.app.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DurationConverterTest {

    @Test
    void should_read_a_number_with_a_unit_or_iso_8601() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(DurationConverter.parse(" 2m ")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationConverter.parse("PT15S")).isEqualTo(Duration.ofSeconds(15));
        assertThat(DurationConverter.parse("pt1m")).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void should_refuse_anything_else_and_say_what_it_takes() {
        assertThatThrownBy(() -> DurationConverter.parse("ten seconds"))
                .isInstanceOf(CommandLine.TypeConversionException.class).hasMessageContaining("10s");
        assertThatThrownBy(() -> DurationConverter.parse("0s")).hasMessageContaining("positive");
        assertThatThrownBy(() -> DurationConverter.parse("PT-5S")).hasMessageContaining("positive");
        assertThatThrownBy(() -> DurationConverter.parse("")).isInstanceOf(CommandLine.TypeConversionException.class);
    }
}
