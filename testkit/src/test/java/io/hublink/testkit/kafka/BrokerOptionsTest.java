package io.hublink.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BrokerOptionsTest {

    @Test
    void should_default_to_any_port_a_temporary_directory_six_partitions_and_no_halt() {
        BrokerOptions defaults = BrokerOptions.ofDefaults();

        assertThat(defaults.port()).isZero();
        assertThat(defaults.chosenDataDir()).isEmpty();
        assertThat(defaults.partitions()).isEqualTo(6);
        assertThat(defaults.haltReplaced()).isTrue();
    }

    @Test
    void should_change_one_field_per_wither() {
        BrokerOptions options = BrokerOptions.ofDefaults()
                .withPort(9092).withDataDir(Path.of("data")).withPartitions(3).withHaltReplaced(false);

        assertThat(options).isEqualTo(new BrokerOptions(9092, Path.of("data"), 3, false));
    }

    @Test
    void should_reject_a_bad_port_or_partition_count_naming_it() {
        assertThatThrownBy(() -> BrokerOptions.ofDefaults().withPort(70_000))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> BrokerOptions.ofDefaults().withPartitions(0))
                .hasMessageContaining("partitions");
    }
}
