package dev.runstop.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures the corpus, run on demand ({@code -Drunstop.corpus.measure=true}): for each member and mode, the
 * cycles to find its bug from 20 seeds (median and max), and faithfulness: the share of finds whose first
 * replayed cycle ({@link LifecycleStress#runCycle} of the reported cycle) finds the same bug again. Prints a
 * table; asserts that every member was found from every seed.
 */
@EnabledIfSystemProperty(named = "runstop.corpus.measure", matches = "true")
class CorpusMeasureTest {
    private static final int SEEDS = 20;
    private static final int MAX_CYCLES = 400;

    @Test
    void cyclesToFindAndFaithfulnessOver20Seeds() throws Exception {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-38s %-6s %8s %6s %10s%n", "member", "mode",
                "median", "max", "faithful"));
        int finds = 0;
        int faithful = 0;
        for (CorpusTest.Member member : CorpusTest.Member.values()) {
            for (StressMode mode : StressMode.values()) {
                List<Integer> cycles = new ArrayList<>();
                int reproduced = 0;
                for (int s = 0; s < SEEDS; s++) {
                    long seed = LifecycleStress.DEFAULT_SEED + s * 0x9E3779B97F4A7C15L;
                    try (Leftovers leftovers = new Leftovers()) {
                        LifecycleStressFailure found = null;
                        try {
                            LifecycleStress.of(() -> member.buggy.apply(leftovers)).mode(mode).seed(seed).cycles(MAX_CYCLES).run();
                        } catch (LifecycleStressFailure f) {
                            found = f;
                        }
                        assertThat(found).as("%s in %s mode from seed %s", member, mode, StressSeed.format(seed)).isNotNull();
                        cycles.add(found.cycle());
                        try {
                            LifecycleStress.of(() -> member.buggy.apply(leftovers)).mode(mode).seed(seed).runCycle(found.cycle());
                        } catch (LifecycleStressFailure again) {
                            if (again.problems().equals(found.problems()) && again.actors().equals(found.actors())) {
                                reproduced++;
                            }
                        }
                    }
                }
                Collections.sort(cycles);
                finds += SEEDS;
                faithful += reproduced;
                table.append(String.format(Locale.ROOT, "%-38s %-6s %8d %6d %7d/%d%n", member, mode, cycles.get(SEEDS / 2),
                        cycles.get(SEEDS - 1), reproduced, SEEDS));
            }
        }
        table.append(String.format(Locale.ROOT, "faithfulness: %d of %d finds reproduced on the first replayed cycle (%.0f%%)%n",
                faithful, finds, 100.0 * faithful / finds));
        System.out.println(table);
    }
}
