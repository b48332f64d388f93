package dev.runstop.readme.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Group;
import dev.runstop.junit.LifecycleStress;
import dev.runstop.junit.RunstopTest;
import dev.runstop.stress.StressMode;
import dev.runstop.stress.StressResult;
import org.junit.jupiter.api.Test;

/** The stress section's snippets: the two modes, a replay, and the result with its stated bound. */
@RunstopTest(factoryMethod = "app", stopDeadline = "10s", startDeadline = "30s")
class CheckoutStressModesTest {
    static Group app() { return Checkout.group(Config.forTests()); }

    @LifecycleStress
    void pctWithTheDefaultCycleCount() { }

    @LifecycleStress(mode = "random", cycles = 200)
    void randomSchedules() { }

    @Test
    void withoutJUnit() throws Exception {
        StressResult result = dev.runstop.stress.LifecycleStress.of(() -> Checkout.group(Config.forTests()))
                .mode(StressMode.PCT)
                .cycles(50)
                .run();
        System.out.println(result); // 50 clean cycles ..., each cycle finds an ordering bug of depth 2 with probability >= 1/...

        assertThat(result.bound()).isPresent();
        assertThat(result.toString()).contains("each cycle finds an ordering bug of depth 2 with probability >= 1/");
    }
}
