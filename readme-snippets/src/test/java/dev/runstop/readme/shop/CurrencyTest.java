package dev.runstop.readme.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Group;
import dev.runstop.RunningGroup;
import dev.runstop.junit.Port;
import dev.runstop.junit.RunstopTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

// The README's @ParameterizedClass: a fresh app for each currency.
@ParameterizedClass
@ValueSource(strings = {"EUR", "CHF"})
@RunstopTest(factoryMethod = "app")
class CurrencyTest {
    @Parameter
    String currency;

    static Group app() {
        return Shop.group(Config.forTests());
    }

    @Test
    void checksOut(@Port("http") int port, RunningGroup app) {
        assertThat(port).isPositive();
        assertThat(currency).isIn("EUR", "CHF");
        assertThat(app.isReady()).isTrue();
    }
}
