package dev.runstop.stress;

import dev.runstop.ActorReport;
import dev.runstop.LifecycleEvent;
import dev.runstop.Outcome;
import dev.runstop.StopReport;
import dev.runstop.ThreadSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tells what happened in a cycle, actor by actor, with the lifecycle times the stop report recorded. */
final class CycleStory {
    private static final String NL = System.lineSeparator();

    private CycleStory() {
    }

    /** @return one line per actor, in start order, each event with its time since the group started */
    static String tell(List<String> startOrder, StopReport report, List<String> added) {
        StringBuilder out = new StringBuilder("what happened (times since the group started; the stop began at "
                + Times.ms(report.stopAskedAt()) + ": " + report.cause().getMessage() + "):");
        List<String> order = new ArrayList<>(startOrder);
        order.addAll(added);
        for (String name : order) {
            ActorReport a = report.actor(name);
            out.append(NL).append("  ").append(name).append(added.contains(name) ? " (added by the stress)" : "").append(": ");
            out.append(events(a));
            String facts = String.join("; ", facts(a));
            if (!facts.isEmpty()) {
                out.append(" — ").append(facts);
            }
        }
        return out.toString();
    }

    /** @return the most telling fact about an actor's cycle, such as "entered run 8.9 ms after stop was delivered to it" */
    static Optional<String> keyFact(StopReport report, String actor) {
        try {
            List<String> facts = facts(report.actor(actor));
            return facts.isEmpty() ? Optional.empty() : Optional.of(actor + " " + facts.get(0));
        } catch (java.util.NoSuchElementException e) {
            return Optional.empty();
        }
    }

    private static String events(ActorReport a) {
        List<Map.Entry<LifecycleEvent, Duration>> events = new ArrayList<>(a.events().entrySet());
        events.sort(Map.Entry.comparingByValue(Comparator.naturalOrder()));
        List<String> parts = new ArrayList<>();
        for (Map.Entry<LifecycleEvent, Duration> e : events) {
            String what = label(e.getKey(), a);
            if (what != null) {
                parts.add(what + " " + Times.ms(e.getValue()));
            }
        }
        if (a.at(LifecycleEvent.RUN_ENTERED).isEmpty()) {
            parts.add("never entered run");
        }
        return String.join(", ", parts);
    }

    private static String label(LifecycleEvent e, ActorReport a) {
        switch (e) {
            case THREAD_STARTED:
                return "thread started";
            case RUN_ENTERED:
                return "entered run";
            case READY:
                return "ready";
            case STOP_DELIVERED:
                return "stop delivered";
            case STOP_RETURNED:
                return a.stopError().isPresent() ? "stop() threw" : "stop() returned";
            case RETURNED:
                return a.outcome() == Outcome.FAILED ? "failed" : "returned";
            case STRAGGLED:
                return "still running at its stop deadline";
            default:
                return null;
        }
    }

    private static List<String> facts(ActorReport a) {
        List<String> facts = new ArrayList<>();
        Optional<Duration> entered = a.at(LifecycleEvent.RUN_ENTERED);
        Optional<Duration> stopAt = a.at(LifecycleEvent.STOP_DELIVERED);
        Optional<Duration> ready = a.at(LifecycleEvent.READY);
        if (stopAt.isPresent() && entered.isPresent() && entered.get().compareTo(stopAt.get()) > 0) {
            facts.add("entered run " + Times.ms(entered.get().minus(stopAt.get())) + " after stop was delivered to it");
        } else if (stopAt.isPresent() && entered.isEmpty()) {
            facts.add("stop was delivered before it entered run");
        } else if (stopAt.isPresent() && (ready.isEmpty() || ready.get().compareTo(stopAt.get()) > 0)) {
            facts.add("stop was delivered to it before it was ready");
        }
        if (a.outcome() == Outcome.STRAGGLER) {
            String where = a.stuck().map(ThreadSnapshot::stuckAt).map(s -> ", stuck at " + s).orElse("");
            facts.add("still running " + Times.ms(a.stopDeadline()) + " after stop was delivered to it (its stop deadline)" + where);
        }
        a.error().ifPresent(e -> facts.add("run() threw " + e));
        a.stopError().ifPresent(e -> facts.add("stop() threw " + e));
        for (ThreadSnapshot t : a.leakedThreads()) {
            facts.add("left thread '" + t.threadName() + "' running (" + t.describeState() + " at " + t.where() + ")");
        }
        if (!a.cutOffSessions().isEmpty()) {
            facts.add(a.cutOffSessions().size() + " session(s) still open at its stop deadline");
        }
        return facts;
    }
}
