package dev.runstop.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static final List<String> ACTORS = List.of("feed", "http", "machine", "ledger");
    private static final Duration MAX = Duration.ofMillis(10);

    @Test
    void sameSeedAndCycleGiveTheSameDecisions() {
        for (int cycle = 0; cycle < 200; cycle++) {
            assertThat(Schedule.decide(42, cycle, ACTORS, MAX).describe())
                    .isEqualTo(Schedule.decide(42, cycle, ACTORS, MAX).describe());
        }
    }

    @Test
    void otherCyclesAndSeedsGiveOtherDecisions() {
        Set<String> seen = new HashSet<>();
        for (int cycle = 0; cycle < 50; cycle++) {
            seen.add(Schedule.decide(42, cycle, ACTORS, MAX).describe());
        }
        assertThat(seen).hasSizeGreaterThan(45);
        assertThat(Schedule.decide(43, 0, ACTORS, MAX).describe()).isNotEqualTo(Schedule.decide(42, 0, ACTORS, MAX).describe());
    }

    @Test
    void everyScheduleOrdersEveryActorOnceAndEntersRunAtDistinctTimes() {
        for (int cycle = 0; cycle < 500; cycle++) {
            Schedule s = Schedule.decide(7, cycle, ACTORS, MAX);
            assertThat(s.startOrder()).containsExactlyInAnyOrderElementsOf(ACTORS);
            assertThat(s.stopOrder()).containsExactlyInAnyOrderElementsOf(ACTORS);
            List<String> timed = ACTORS.stream().filter(a -> !s.entersRunAfterStop(a)).toList();
            assertThat(timed.stream().map(s::runDelay).distinct()).hasSize(timed.size());
        }
    }

    @Test
    void entriesAreATenthOfTheLongestDelayApartTheFirstThreeTenthsAfterTheStart() {
        for (int cycle = 0; cycle < 300; cycle++) {
            Schedule s = Schedule.decide(9, cycle, ACTORS, Duration.ofMillis(30));
            List<Long> entries = ACTORS.stream().filter(a -> !s.entersRunAfterStop(a)).map(a -> s.runDelay(a).toNanos() / 100_000)
                    .sorted().toList();
            assertThat(entries.get(0)).as("cycle %d: %s", cycle, entries).isGreaterThanOrEqualTo(90);
            for (int i = 1; i < entries.size(); i++) {
                assertThat(entries.get(i) - entries.get(i - 1)).as("cycle %d: %s", cycle, entries).isGreaterThanOrEqualTo(30);
            }
        }
    }

    @Test
    void beforeReadyLateActorsAreHeldUntilTheirStopAndTheOthersEnterRunWellBeforeTheStop() {
        int late = 0;
        for (int cycle = 0; cycle < 500; cycle++) {
            Schedule s = Schedule.decide(7, cycle, ACTORS, MAX);
            for (String a : ACTORS) {
                if (s.entersRunAfterStop(a)) {
                    late++;
                    assertThat(s.stopMoment()).as("cycle %d, %s", cycle, a).isEqualTo(Schedule.StopMoment.BEFORE_READY);
                    assertThat(s.runDelay(a)).as("cycle %d, %s: the gap after its stop", cycle, a)
                            .isLessThanOrEqualTo(MAX.dividedBy(10));
                } else if (s.stopMoment() == Schedule.StopMoment.BEFORE_READY) {
                    assertThat(s.runDelay(a)).as("cycle %d, %s", cycle, a)
                            .isLessThanOrEqualTo(s.stopAfter().minus(MAX.dividedBy(5)));
                }
            }
        }
        assertThat(late).isGreaterThan(20);
    }

    @Test
    void theAppSettlesBeforeSomeStopDeliveriesAndOnlyThoseWait() {
        int settles = 0;
        for (int cycle = 0; cycle < 200; cycle++) {
            Schedule s = Schedule.decide(11, cycle, ACTORS, MAX);
            for (String a : ACTORS) {
                if (s.settlesBeforeStop(a)) {
                    settles++;
                    assertThat(s.stopDelay(a)).isPositive().isLessThanOrEqualTo(MAX.dividedBy(5));
                } else {
                    assertThat(s.stopDelay(a)).isZero();
                }
            }
        }
        assertThat(settles).isBetween(150, 250);
    }

    @Test
    void aFourActorScheduleWaitsOnlyAFewMillisecondsByDefault() {
        long total = 0;
        for (int cycle = 0; cycle < 1000; cycle++) {
            Schedule s = Schedule.decide(LifecycleStress.DEFAULT_SEED, cycle, ACTORS, LifecycleStress.DEFAULT_MAX_DELAY);
            Duration entries = ACTORS.stream().filter(a -> !s.entersRunAfterStop(a)).map(s::runDelay).max(Duration::compareTo)
                    .orElse(Duration.ZERO);
            Duration waits = s.stopMoment() == Schedule.StopMoment.BEFORE_READY ? s.stopAfter() : entries.plus(s.stopAfter());
            for (String a : ACTORS) {
                waits = waits.plus(s.stopDelay(a)).plus(s.entersRunAfterStop(a) ? s.runDelay(a) : Duration.ZERO);
            }
            total += waits.toNanos();
        }
        assertThat(Duration.ofNanos(total / 1000)).isBetween(Duration.ofMillis(1), Duration.ofMillis(3));
    }

    @Test
    void everyStopMomentAndTriggerOccurs() {
        Set<Schedule.StopMoment> moments = new HashSet<>();
        Set<Schedule.Trigger> triggers = new HashSet<>();
        for (int cycle = 0; cycle < 100; cycle++) {
            Schedule s = Schedule.decide(LifecycleStress.DEFAULT_SEED, cycle, ACTORS, MAX);
            moments.add(s.stopMoment());
            triggers.add(s.trigger());
        }
        assertThat(moments).containsExactlyInAnyOrder(Schedule.StopMoment.values());
        assertThat(triggers).containsExactlyInAnyOrder(Schedule.Trigger.values());
    }

    @Test
    void describesThePlanInWords() {
        String text = Schedule.decide(LifecycleStress.DEFAULT_SEED, 0, ACTORS, MAX).describe();

        assertThat(text).containsPattern("start order: \\w+, \\w+, \\w+, \\w+")
                .containsPattern("delay before run: \\w+ (held until stop was delivered to it, then )?[\\d.]+ ms")
                .containsPattern("stop: .*(after start|ready)")
                .contains("stop order: ");
    }

    @Test
    void badInputIsRefusedAtTheCall() {
        assertThatThrownBy(() -> Schedule.decide(1, -1, ACTORS, MAX)).hasMessageContaining("cycle must be zero or more");
        assertThatThrownBy(() -> Schedule.decide(1, 0, List.of(), MAX)).hasMessageContaining("at least one actor");
        assertThatThrownBy(() -> Schedule.decide(1, 0, List.of("a", "a"), MAX)).hasMessageContaining("distinct");
        assertThatThrownBy(() -> Schedule.decide(1, 0, ACTORS, Duration.ofNanos(10))).hasMessageContaining("at least 1 ms");
        assertThatThrownBy(() -> Schedule.decide(1, 0, ACTORS, MAX).runDelay("nope")).hasMessageContaining("'nope' is not in the schedule");
    }
}
