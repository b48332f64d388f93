package dev.runstop.stress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The decisions of one cycle in {@link StressMode#PCT} mode: a priority for each actor and for the stop,
 * {@code d - 1} change points, the order stops are delivered in and how the stop comes. Derived from the
 * seed, the cycle number, the actors' names and the depth only, so a replay takes the same decisions.
 *
 * <p>The decision points ({@code k} of them) are: each actor entering {@code run}, going on after it became
 * ready, going on after it published a handle (one each is budgeted), the stop, and each stop delivery:
 * {@code k = 4m + 1} for {@code m} actors. The "threads" PCT orders ({@code n}) are the actors and the stop:
 * {@code n = m + 1}. Immutable.
 */
final class PctSchedule {
    /** The name of the stop as a PCT thread: its decisions are the stop and each stop delivery. */
    static final String STOP = "the stop";

    private final long seed;
    private final int cycle;
    private final int depth;
    private final List<String> actors;
    private final Map<String, Integer> priorities;
    private final List<Integer> changePoints;
    private final List<String> startOrder;
    private final List<String> stopOrder;
    private final Schedule.Trigger trigger;

    private PctSchedule(long seed, int cycle, int depth, List<String> actors, Map<String, Integer> priorities,
            List<Integer> changePoints, List<String> startOrder, List<String> stopOrder, Schedule.Trigger trigger) {
        this.seed = seed;
        this.cycle = cycle;
        this.depth = depth;
        this.actors = List.copyOf(actors);
        this.priorities = Collections.unmodifiableMap(new LinkedHashMap<>(priorities));
        this.changePoints = List.copyOf(changePoints);
        this.startOrder = List.copyOf(startOrder);
        this.stopOrder = List.copyOf(stopOrder);
        this.trigger = trigger;
    }

    /** @return the decision points budgeted for {@code actors} actors: {@code 4·actors + 1} */
    static int decisionPoints(int actors) {
        return 4 * actors + 1;
    }

    /**
     * @param actors the app's actor count
     * @param depth the bug depth
     * @return PCT's lower bound on the chance that one cycle finds an ordering bug of that depth:
     *     {@code 1/(n·k^(d-1))} with {@code n = actors + 1}, {@code k = 4·actors + 1}
     */
    static double bound(int actors, int depth) {
        return 1.0 / ((actors + 1) * Math.pow(decisionPoints(actors), depth - 1));
    }

    /**
     * @param perCycle the chance one cycle finds the bug
     * @param miss the chance of missing it that is accepted, such as 0.01
     * @return the cycles after which a bug found with that chance per cycle is missed with at most {@code miss}
     */
    static int cyclesFor(double perCycle, double miss) {
        if (perCycle >= 1) {
            return 1;
        }
        return (int) Math.ceil(Math.log(miss) / Math.log1p(-perCycle));
    }

    static PctSchedule decide(long seed, int cycle, List<String> actors, int depth) {
        SplittableRandom rng = new SplittableRandom(Schedule.mix(seed ^ 0x9C7D_5EED_0000_0000L, cycle));
        List<String> threads = new ArrayList<>(actors);
        threads.add(STOP);
        List<String> ranked = shuffled(threads, rng);
        Map<String, Integer> priorities = new LinkedHashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            priorities.put(ranked.get(i), depth + ranked.size() - 1 - i); // first in ranked: highest
        }
        int k = decisionPoints(actors.size());
        TreeSet<Integer> points = new TreeSet<>();
        while (points.size() < Math.min(depth - 1, k)) {
            points.add(1 + rng.nextInt(k));
        }
        List<String> startOrder = shuffled(actors, rng);
        List<String> stopOrder = shuffled(actors, rng);
        double how = rng.nextDouble();
        Schedule.Trigger trigger = how < 0.6 ? Schedule.Trigger.STOP_REQUESTED
                : how < 0.85 ? Schedule.Trigger.ACTOR_RETURNS : Schedule.Trigger.ACTOR_FAILS;
        return new PctSchedule(seed, cycle, depth, actors, priorities, new ArrayList<>(points), startOrder, stopOrder, trigger);
    }

    private static List<String> shuffled(List<String> names, SplittableRandom rng) {
        List<String> out = new ArrayList<>(names);
        for (int i = out.size() - 1; i > 0; i--) {
            Collections.swap(out, i, rng.nextInt(i + 1));
        }
        return out;
    }

    int depth() {
        return depth;
    }

    List<String> actors() {
        return actors;
    }

    /** @return each thread's initial priority, higher first */
    Map<String, Integer> priorities() {
        return priorities;
    }

    /** @return the decisions (1-based) after which the deciding thread's priority drops below all others */
    List<Integer> changePoints() {
        return changePoints;
    }

    List<String> startOrder() {
        return startOrder;
    }

    List<String> stopOrder() {
        return stopOrder;
    }

    Schedule.Trigger trigger() {
        return trigger;
    }

    /** @return the plan in words, one decision a line */
    String describe() {
        String nl = System.lineSeparator();
        List<String> ranked = new ArrayList<>(priorities.keySet());
        ranked.sort((a, b) -> priorities.get(b) - priorities.get(a));
        StringBuilder out = new StringBuilder();
        out.append("mode: pct, depth ").append(depth).append(", ").append(actors.size() + 1).append(" threads (the actors and the stop), ")
                .append(decisionPoints(actors.size())).append(" decision points budgeted").append(nl);
        out.append("start order: ").append(String.join(", ", startOrder)).append(" (the order the threads are started in)").append(nl);
        out.append("priorities, highest first: ").append(String.join(", ", ranked)).append(nl);
        out.append("change points: ").append(changePoints.isEmpty() ? "none" : "after decision "
                + String.join(", ", changePoints.stream().map(String::valueOf).toList()))
                .append(" (the deciding thread then drops below all others)").append(nl);
        out.append("stop: ").append(describeTrigger()).append(", when it is the stop's turn").append(nl);
        out.append("stop order: ").append(String.join(", ", stopOrder))
                .append(" — each delivery is a decision of the stop, taken once the app is idle");
        return out.toString();
    }

    private String describeTrigger() {
        switch (trigger) {
            case ACTOR_RETURNS:
                return "an added actor returns by itself (as an app actor that ends on its own)";
            case ACTOR_FAILS:
                return "an added actor throws an injected failure (as an app actor that crashes)";
            default:
                return "requested from outside (RunningGroup.stop)";
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PctSchedule[seed %s, cycle %d]%n%s", StressSeed.format(seed), cycle, describe());
    }
}
