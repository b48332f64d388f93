package dev.runstop.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class StressSeedTest {
    @Test
    void parsesWhatItPrints() {
        StressSeed replay = StressSeed.replay(0x5EED0F11FE5EED01L, 37);

        assertThat(replay.toString()).isEqualTo("5EED0F11FE5EED01:37");
        assertThat(StressSeed.parse("5EED0F11FE5EED01:37")).isEqualTo(replay);
        assertThat(StressSeed.parse(" 0x5eed0f11fe5eed01 ").replayCycle()).isEqualTo(OptionalInt.empty());
        assertThat(StressSeed.parse("FFFFFFFFFFFFFFFF").seed()).isEqualTo(-1L);
    }

    @Test
    void refusesMalformedTokensSayingWhatItExpects() {
        assertThatThrownBy(() -> StressSeed.parse("")).hasMessageContaining("must not be blank");
        assertThatThrownBy(() -> StressSeed.parse("xyz")).hasMessageContaining("'xyz' is not SEED or SEED:CYCLE");
        assertThatThrownBy(() -> StressSeed.parse("12345678901234567")).hasMessageContaining("up to 16 hex digits");
        assertThatThrownBy(() -> StressSeed.parse("AB:-1")).hasMessageContaining("the cycle after ':' must be a number");
        assertThatThrownBy(() -> StressSeed.replay(1, -2)).hasMessageContaining("zero or more");
    }
}
