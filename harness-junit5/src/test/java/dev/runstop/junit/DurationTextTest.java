package dev.runstop.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class DurationTextTest {

    @Test
    void readsTheUsualForms() {
        assertThat(DurationText.parse("2s", "x")).isEqualTo(Duration.ofSeconds(2));
        assertThat(DurationText.parse("500ms", "x")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse(" 1.5s ", "x")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationText.parse("1m", "x")).isEqualTo(Duration.ofMinutes(1));
        assertThat(DurationText.parse("1h", "x")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationText.parse("PT2S", "x")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void rejectsWhatIsNotAPositiveDurationNamingWhereItCameFrom() {
        for (String bad : new String[] {"soon", "", "0s", "2", "-1s", "2 seconds", "P"}) {
            assertThatThrownBy(() -> DurationText.parse(bad, "configuration parameter 'runstop.stop.deadline'"))
                    .isInstanceOf(ExtensionConfigurationException.class)
                    .hasMessageStartingWith("configuration parameter 'runstop.stop.deadline' is '" + bad + "'");
        }
    }
}
