package dev.runstop.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

class FixtureGuardTest {

    @Test
    void fixturesAreSkippedWhenNotRunThroughTheTestKit() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(StragglerTest.StuckApp.class))
                .execute();

        assertThat(results.containerEvents().skipped().count()).isEqualTo(1);
        assertThat(results.testEvents().started().count()).isZero();
    }
}
