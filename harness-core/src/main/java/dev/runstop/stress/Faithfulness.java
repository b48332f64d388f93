package dev.runstop.stress;

import dev.runstop.LifecycleEvent;
import dev.runstop.StopReport;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Tells whether a cycle's run kept to its schedule where only the clock enforces it: the actors that do not
 * wait for their stop must have entered {@code run} in their planned order, each at least a minimum gap
 * after the one before. A loaded machine can start a thread so late that it enters {@code run} after one
 * planned to come later; such a run decided nothing the schedule can replay.
 */
final class Faithfulness {
    private Faithfulness() {
    }

    /** @return why the run strayed from the schedule, or empty if it kept to it */
    static Optional<String> strayed(Schedule schedule, StopReport report, Duration minGap) {
        List<String> planned = schedule.actors().stream().filter(a -> !schedule.entersRunAfterStop(a))
                .sorted(Comparator.comparing(schedule::runDelay)).toList();
        for (int i = 1; i < planned.size(); i++) {
            String first = planned.get(i - 1);
            String next = planned.get(i);
            Optional<Duration> firstAt = entered(report, first);
            Optional<Duration> nextAt = entered(report, next);
            if (nextAt.isEmpty()) {
                continue; // the group ended before it was due; nothing it did can have raced
            }
            if (firstAt.isEmpty() || nextAt.get().minus(firstAt.get()).compareTo(minGap) < 0) {
                return Optional.of("'" + next + "' entered run at " + Times.ms(nextAt.get()) + ", "
                        + (firstAt.isEmpty() ? "before '" + first + "' did" : "less than " + Times.ms(minGap) + " after '" + first
                                + "' (" + Times.ms(firstAt.get()) + ")") + ", planned " + Times.ms(schedule.runDelay(first)) + " and "
                        + Times.ms(schedule.runDelay(next)));
            }
        }
        return Optional.empty();
    }

    private static Optional<Duration> entered(StopReport report, String actor) {
        return report.actor(actor).at(LifecycleEvent.RUN_ENTERED);
    }
}
