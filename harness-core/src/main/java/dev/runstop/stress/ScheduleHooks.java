package dev.runstop.stress;

import dev.runstop.internal.LifecycleHooks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies a {@link Schedule} to a group. The actors the cycle adds start after the app's, so that they do
 * not delay its threads, and enter {@code run} at once; each settle actor is stopped just before the app actor it settles for, after the schedule's wait;
 * the trigger actor is stopped last.
 */
final class ScheduleHooks implements LifecycleHooks {
    private final Schedule schedule;
    private final String trigger;
    private final Map<String, String> settleBefore;

    /**
     * @param schedule the cycle's schedule
     * @param trigger the name of the added trigger actor
     * @param settleBefore for each app actor the schedule settles before, the name of its settle actor
     */
    ScheduleHooks(Schedule schedule, String trigger, Map<String, String> settleBefore) {
        this.schedule = schedule;
        this.trigger = trigger;
        this.settleBefore = Map.copyOf(settleBefore);
    }

    private boolean added(String actor) {
        return actor.equals(trigger) || settleBefore.containsValue(actor);
    }

    @Override
    public List<String> startOrder(List<String> actors) {
        List<String> order = new ArrayList<>(schedule.startOrder());
        order.add(trigger);
        for (String a : schedule.stopOrder()) {
            String settle = settleBefore.get(a);
            if (settle != null) {
                order.add(settle);
            }
        }
        return order;
    }

    @Override
    public Duration delayBeforeRun(String actor) {
        return added(actor) ? Duration.ZERO : schedule.runDelay(actor);
    }

    @Override
    public boolean enterRunAfterStop(String actor) {
        return !added(actor) && schedule.entersRunAfterStop(actor);
    }

    @Override
    public List<String> stopOrder(List<String> actors) {
        List<String> order = new ArrayList<>(actors.size());
        for (String a : schedule.stopOrder()) {
            String settle = settleBefore.get(a);
            if (settle != null) {
                order.add(settle);
            }
            order.add(a);
        }
        order.add(trigger);
        return order;
    }

    @Override
    public Duration delayBeforeStop(String actor) {
        for (Map.Entry<String, String> e : settleBefore.entrySet()) {
            if (e.getValue().equals(actor)) {
                return schedule.stopDelay(e.getKey());
            }
        }
        return Duration.ZERO;
    }
}
