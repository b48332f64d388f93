package dev.runstop;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What happened when a group stopped: why, and per actor how it ended, how long it ran, how long it
 * took to stop, and for a straggler where its thread is stuck. Immutable. {@link #toString()} renders
 * it as a table meant for people; {@link #problems()} lists every problem as an exception, nothing
 * dropped.
 */
public final class StopReport {
    private static final String NL = System.lineSeparator();

    private final String group;
    private final StopCause cause;
    private final Instant startedAt;
    private final Duration stopAskedAt;
    private final Duration finishedAt;
    private final List<ActorReport> actors;
    private final List<ActorException> problems;
    private final List<LeakedProcess> unattributedProcesses; // issue 14
    private final List<ThreadSnapshot> factoryLeakedThreads;
    private final List<ThreadSnapshot> sharedThreads;

    StopReport(String group, StopCause cause, Instant startedAt, Duration stopAskedAt, Duration finishedAt,
            List<ActorReport> actors) {
        this(group, cause, startedAt, stopAskedAt, finishedAt, actors, List.of());
    }

    StopReport(String group, StopCause cause, Instant startedAt, Duration stopAskedAt, Duration finishedAt,
            List<ActorReport> actors, List<LeakedProcess> unattributedProcesses) {
        this(group, cause, startedAt, stopAskedAt, finishedAt, actors, unattributedProcesses, List.of(), List.of());
    }

    StopReport(String group, StopCause cause, Instant startedAt, Duration stopAskedAt, Duration finishedAt,
            List<ActorReport> actors, List<LeakedProcess> unattributedProcesses, List<ThreadSnapshot> factoryLeakedThreads,
            List<ThreadSnapshot> sharedThreads) {
        this.unattributedProcesses = List.copyOf(unattributedProcesses);
        this.factoryLeakedThreads = List.copyOf(factoryLeakedThreads);
        this.sharedThreads = List.copyOf(sharedThreads);
        this.group = group;
        this.cause = cause;
        this.startedAt = startedAt;
        this.stopAskedAt = stopAskedAt;
        this.finishedAt = finishedAt;
        this.actors = List.copyOf(actors);
        this.problems = List.copyOf(findProblems());
    }

    /** @return the group's name */
    public String group() {
        return group;
    }

    /** @return why the group stopped */
    public StopCause cause() {
        return cause;
    }

    /** @return the wall-clock time the group started */
    public Instant startedAt() {
        return startedAt;
    }

    /** @return when the stop began, as time since the group started */
    public Duration stopAskedAt() {
        return stopAskedAt;
    }

    /** @return how long the stop took: from its beginning to this report */
    public Duration stopDuration() {
        return finishedAt.minus(stopAskedAt);
    }

    /** @return one report per actor, in the order the actors were added */
    public List<ActorReport> actors() {
        return actors;
    }

    /**
     * @param name an actor's name
     * @return its report
     * @throws java.util.NoSuchElementException if the group has no such actor
     */
    public ActorReport actor(String name) {
        return actors.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow(
                () -> new java.util.NoSuchElementException("group '" + group + "' has no actor '" + name + "'; it has "
                        + actors.stream().map(ActorReport::name).toList()));
    }

    /**
     * @return live child processes of this JVM, started while the group ran, that cannot be blamed on one
     *     of its actors for sure (see {@link ProcessStarts}); listed for people, they do not make the stop unclean
     */
    public List<LeakedProcess> unattributedProcesses() {
        return unattributedProcesses;
    }

    /**
     * @return threads the app factory started ({@link Group#fromFactory}) that were still alive after the
     *     group stopped; they make the stop unclean
     */
    public List<ThreadSnapshot> factoryLeakedThreads() {
        return factoryLeakedThreads;
    }

    /**
     * @return live threads the group's actors or factory made that are JVM-wide by design or that no one
     *     actor can be blamed for for sure, each with the reason in {@link ThreadSnapshot#note()}; listed
     *     for people, they do not make the stop unclean
     */
    public List<ThreadSnapshot> sharedThreads() {
        return sharedThreads;
    }

    /** @return the actors still running at their stop deadline */
    public List<ActorReport> stragglers() {
        return actors.stream().filter(a -> a.outcome() == Outcome.STRAGGLER).toList();
    }

    /**
     * @return true if no actor failed or straggled, no {@code stop} threw, no session was cut off and no
     *     thread or process leaked. A group ended by an actor that returned normally, by a stop request or by a signal
     *     stops cleanly.
     */
    public boolean clean() {
        return cause.kind() != StopCause.Kind.ACTOR_FAILED && problems.isEmpty();
    }

    /**
     * Every problem, one exception each, in actor order: failures other than the primary one, {@code stop}
     * calls that threw, stragglers (with their thread's stack as stack trace), sessions cut off and
     * threads and processes leaked.
     *
     * @return the problems; empty for a clean stop
     */
    public List<ActorException> problems() {
        return problems;
    }

    /**
     * @return the failure that {@link Group#run()} throws for this report: the primary failure as cause,
     *     every other problem suppressed; empty if the stop was {@linkplain #clean() clean}
     */
    public Optional<GroupFailedException> failure() {
        if (clean()) {
            return Optional.empty();
        }
        Throwable primary;
        List<ActorException> others = new ArrayList<>(problems);
        if (cause.kind() == StopCause.Kind.ACTOR_FAILED) {
            primary = cause.getCause();
        } else {
            primary = others.remove(0);
        }
        GroupFailedException failure = new GroupFailedException(headline(primary) + NL + this, primary, this);
        others.forEach(failure::addSuppressed);
        return Optional.of(failure);
    }

    private String headline(Throwable primary) {
        if (cause.kind() == StopCause.Kind.ACTOR_FAILED) {
            return "group '" + group + "' failed: " + firstLine(Safe.message(cause))
                    + (problems.isEmpty() ? "" : " (and " + problems.size() + " more problem" + (problems.size() == 1 ? "" : "s") + ")");
        }
        return "group '" + group + "' did not stop cleanly: " + firstLine(Safe.message(primary))
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problem" + (problems.size() == 2 ? "" : "s") + ")" : "");
    }

    /**
     * The phase and the user's frame an error came from, appended to its one-line description:
     * {@code  (while running, at Feed.poll(Feed.java:42))}.
     *
     * @param phase {@code starting}, {@code running} or {@code stopping}
     * @param error the error, whose stack (or its causes') gives the frame
     */
    static String whileAt(String phase, Throwable error) {
        String at = error == null ? null : ThreadSnapshot.thrownAt(error);
        return " (while " + phase + (at == null ? "" : ", at " + at) + ")";
    }

    /**
     * An error as a failure message shows it: its description with {@link #whileAt} at the end of the first
     * line, and the lines of its message that follow (such as a process's output tail) below; a nested
     * group's failure keeps only its first line, since its report is shown as a block of its own.
     */
    static String detail(Throwable error, String phase) {
        String text = Safe.describe(error);
        int nl = text.indexOf('\n');
        if (nl < 0) {
            return text + whileAt(phase, error);
        }
        if (nestedReport(error) != null) {
            return Safe.brief(error) + whileAt(phase, error);
        }
        int end = nl > 0 && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
        return text.substring(0, end) + whileAt(phase, error) + text.substring(end);
    }

    /** How session stacks are turned on, for a session cut off whose opening was not recorded. */
    static final String SESSION_STACKS_HINT = "Group.recordSessionStacks(true) records where each session opens"
            + " (JUnit: configuration parameter runstop.session-stacks=true)";

    private static String firstLine(String text) {
        if (text == null) {
            return "null";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl > 0 && text.charAt(nl - 1) == '\r' ? nl - 1 : nl);
    }

    /** The phase an actor's run ended in: before it was ready, before the stop began, or after. */
    private String phaseOf(ActorReport a) {
        Duration returned = a.events().get(LifecycleEvent.RETURNED);
        if (returned != null && returned.compareTo(stopAskedAt) >= 0 || a.at(LifecycleEvent.STOP_DELIVERED).isPresent()) {
            return "stopping";
        }
        return a.at(LifecycleEvent.READY).isPresent() ? "running" : "starting";
    }

    /** @return the names, as {@code 'a' and 'b'} or {@code 'a', 'b' and 'c'} */
    private static String andList(List<String> names) {
        List<String> quoted = names.stream().map(n -> "'" + n + "'").toList();
        return quoted.size() == 1 ? quoted.get(0)
                : String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.get(quoted.size() - 1);
    }

    private static String stuckLine(ThreadSnapshot s) {
        return "stuck at " + s.where() + ", " + s.describeState();
    }

    private ActorException deadlock(List<Deadlocks.Member> members) {
        List<String> names = members.stream().map(Deadlocks.Member::actor).distinct().toList();
        StringBuilder message = new StringBuilder(names.size() == 1
                ? "deadlock in actor '" + names.get(0) + "' between its run() and stop() while stopping: "
                : "deadlock between " + andList(names) + " while stopping: ");
        String sep = "";
        for (Deadlocks.Member m : members) {
            message.append(sep).append('\'').append(m.actor()).append("' ").append(m.call()).append(' ')
                    .append(m.call().equals("stop()") ? "on thread '" + m.thread().threadName() + "' " : "").append(stuckLine(m.thread()));
            sep = "; ";
        }
        message.append(" (none of them can return; the stack traces are their threads')");
        Deadlocks.Member first = members.get(0);
        ActorException found = new ActorException(first.actor(), ActorException.Problem.DEADLOCK, message.toString(), null,
                first.thread().stackArray());
        for (Deadlocks.Member m : members.subList(1, members.size())) {
            found.addSuppressed(new ActorException(m.actor(), m.call().equals("run()") ? ActorException.Problem.STRAGGLER
                    : ActorException.Problem.STOP_HUNG, "'" + m.actor() + "' " + m.call() + " in that deadlock: " + stuckLine(m.thread())
                    + " (thread '" + m.thread().threadName() + "')", null, m.thread().stackArray()));
        }
        return found;
    }

    private static String stragglerMessage(ActorReport a, ThreadSnapshot s) {
        String how;
        switch (a.interruptAtStop()) {
            case SWALLOWED:
                how = "interrupted at stop and kept running (the interrupt was caught and cleared), past its stop deadline of ";
                break;
            case PENDING:
                how = "interrupted at stop and kept running in code that never checks the interrupt (still pending),"
                        + " past its stop deadline of ";
                break;
            default:
                how = "still running while stopping, past its stop deadline of ";
        }
        return "actor '" + a.name() + "' is a straggler: " + how + Durations.format(a.stopDeadline())
                + (a.interruptAtStop() == InterruptAtStop.NONE ? "" : " while stopping") + "; " + stuckLine(s)
                + " (thread '" + s.threadName() + "'; the stack trace below is that thread's)";
    }

    private List<ActorException> findProblems() {
        List<ActorException> found = new ArrayList<>();
        Set<String> inDeadlock = new HashSet<>();
        for (List<Deadlocks.Member> cycle : Deadlocks.find(actors)) {
            found.add(deadlock(cycle));
            cycle.forEach(m -> inDeadlock.add(m.actor() + " " + m.call()));
        }
        for (ActorReport a : actors) {
            a.error().ifPresent(e -> {
                if (!(cause.kind() == StopCause.Kind.ACTOR_FAILED && e == cause.getCause())) {
                    found.add(new ActorException(a.name(), ActorException.Problem.FAILED,
                            "actor '" + a.name() + "' also failed: " + detail(e, phaseOf(a)), e, e.getStackTrace()));
                }
            });
            a.stopError().filter(e -> e instanceof StopHungException && !inDeadlock.contains(a.name() + " stop()")).ifPresent(e -> {
                ThreadSnapshot caller = ((StopHungException) e).caller();
                found.add(new ActorException(a.name(), ActorException.Problem.STOP_HUNG, "stop() of actor '" + a.name()
                        + "' hung: it did not return within the stop deadline of " + Durations.format(a.stopDeadline())
                        + " while stopping" + (caller == null ? "" : "; " + stuckLine(caller) + " (thread '" + caller.threadName()
                        + "', calling it)"), null, e.getStackTrace()));
            });
            a.stopError().filter(e -> !(e instanceof StopHungException)).ifPresent(e -> found.add(new ActorException(a.name(), ActorException.Problem.STOP_THREW,
                    "stop() of actor '" + a.name() + "' threw: " + detail(e, "stopping"), e, e.getStackTrace())));
            a.stuck().filter(s -> !inDeadlock.contains(a.name() + " run()")).ifPresent(s -> found.add(new ActorException(a.name(),
                    ActorException.Problem.STRAGGLER, stragglerMessage(a, s), null, s.stackArray())));
            for (SessionReport s : a.cutOffSessions()) {
                StackTraceElement opener = ThreadSnapshot.firstUserFrame(s.openedAt().toArray(new StackTraceElement[0]));
                found.add(new ActorException(a.name(), ActorException.Problem.SESSION_CUT_OFF,
                        "actor '" + a.name() + "': session '" + s.label() + "' was cut off: still open at the stop deadline of "
                                + Durations.format(a.stopDeadline()) + " while stopping; "
                                + (s.openedAt().isEmpty() ? "where it opened is not recorded"
                                        : "opened at " + (opener == null ? ThreadSnapshot.brief(s.openedAt().get(0)) : ThreadSnapshot.brief(opener)))
                                + " (open for " + Durations.format(s.age()) + ", opened on thread '" + s.openedOn() + "'"
                                + (s.openedAt().isEmpty() ? "; " + SESSION_STACKS_HINT + ")" : "; the stack trace below is where it was opened)"),
                        null, s.openedAt().toArray(new StackTraceElement[0])));
            }
            for (ThreadSnapshot t : a.leakedThreads()) {
                found.add(threadLeak(a.name(), "actor '" + a.name() + "'", t));
            }
            for (LeakedProcess p : a.leakedProcesses()) {
                found.add(new ActorException(a.name(), ActorException.Problem.PROCESS_LEAKED, "actor '" + a.name()
                        + "' leaked process " + p.pid() + " `" + p.command() + "`: still alive after the group stopped ("
                        + p.startedBy() + ")", null, null));
            }
        }
        for (ThreadSnapshot t : factoryLeakedThreads) {
            found.add(threadLeak(FACTORY, "'" + group + "' factory", t));
        }
        return found;
    }

    /** The actor name of problems of the app factory's threads. */
    static final String FACTORY = "(factory)";

    private static ActorException threadLeak(String actor, String who, ThreadSnapshot t) {
        String what = t.note().isPresent() ? " (" + t.note().get() + ")" : "";
        String origin = t.note().isPresent() ? "" : "; " + t.describeOrigin();
        Throwable startedHere = null;
        if (!t.origin().isEmpty()) {
            startedHere = new Throwable("thread '" + t.threadName() + "' was started here");
            startedHere.setStackTrace(t.origin().toArray(new StackTraceElement[0]));
        }
        return new ActorException(actor, ActorException.Problem.THREAD_LEAKED, who + " leaked thread '" + t.threadName()
                + "'" + what + " while stopping: still alive after the group stopped, " + t.describeState() + " at " + t.where() + origin
                + " (the stack trace below is that thread's" + (startedHere == null ? "" : "; its cause is where it was started")
                + ")", startedHere, t.stackArray());
    }

    /**
     * @return the report as a table: a headline with the cause, one row per actor, then the stack of each
     *     straggler and the details of each session cut off and thread leaked
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append("group '").append(group).append("' stopped because ").append(describeCause())
                .append(" — stop took ").append(Durations.format(stopDuration()))
                .append(clean() ? ", clean" : ", NOT clean: " + summary());
        int width = Math.max(5, actors.stream().mapToInt(a -> a.name().length()).max().orElse(5));
        String row = "%n  %-" + width + "s  %-9s  %8s  %9s  %s";
        out.append(String.format(Locale.ROOT, row, "actor", "outcome", "ran", "stop took", "note"));
        for (ActorReport a : actors) {
            String took = a.outcome() == Outcome.STRAGGLER ? "> " + Durations.format(a.stopDeadline())
                    : a.stopTook().map(Durations::format).orElse("-");
            out.append(String.format(Locale.ROOT, row, a.name(), a.outcome().name().toLowerCase(Locale.ROOT),
                    Durations.format(a.ranFor()), took, note(a)).stripTrailing());
        }
        for (ActorReport a : actors) {
            a.stuck().ifPresent(s -> out.append(NL).append("straggler '").append(a.name()).append("': ").append(s));
            for (SessionReport s : a.cutOffSessions()) {
                out.append(NL).append("cut off: ").append(s);
                s.openedAt().forEach(f -> out.append(NL).append("    at ").append(f));
            }
            for (ThreadSnapshot t : a.leakedThreads()) {
                out.append(NL).append("leaked by '").append(a.name()).append("': ").append(t);
            }
            for (LeakedProcess p : a.leakedProcesses()) {
                out.append(NL).append("process leaked by '").append(a.name()).append("': ").append(p);
            }
        }
        for (ThreadSnapshot t : factoryLeakedThreads) {
            out.append(NL).append("leaked by '").append(group).append("' factory: ").append(t);
        }
        for (LeakedProcess p : unattributedProcesses) {
            out.append(NL).append("live child process, unattributed: ").append(p);
        }
        for (ThreadSnapshot t : sharedThreads) {
            out.append(NL).append("shared, not blamed: thread '").append(t.threadName()).append("' ").append(t.describeState())
                    .append(t.note().map(n -> " (" + n + ")").orElse(""));
        }
        for (ActorReport a : actors) {
            StopReport nested = a.error().map(StopReport::nestedReport).orElse(null);
            if (nested != null) {
                out.append(NL).append("nested group '").append(nested.group()).append("' in actor '").append(a.name()).append("':");
                nested.toString().lines().forEach(l -> out.append(NL).append("    ").append(l));
            }
        }
        return out.toString();
    }

    /** @return the report of a nested group whose failure is this error or one of its causes, or null */
    static StopReport nestedReport(Throwable error) {
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof GroupFailedException && ((GroupFailedException) t).report() != null) {
                return ((GroupFailedException) t).report();
            }
        }
        return null;
    }

    private String describeCause() {
        switch (cause.kind()) {
            case ACTOR_FAILED:
                return "actor '" + cause.actor() + "' failed (" + Safe.brief(cause.getCause()) + ")";
            case ACTOR_RETURNED:
                return "actor '" + cause.actor() + "' returned";
            case SIGNAL:
                return "SIG" + cause.signal() + " arrived (actor '" + cause.actor() + "')";
            default:
                return cause.getMessage();
        }
    }

    private String summary() {
        List<String> parts = new ArrayList<>();
        count(parts, problems.stream().filter(p -> p.problem() == ActorException.Problem.DEADLOCK).count(), "deadlock", "deadlocks");
        count(parts, actors.stream().filter(a -> a.outcome() == Outcome.FAILED).count(), "failed", "failed");
        count(parts, stragglers().size(), "straggler", "stragglers");
        count(parts, actors.stream().filter(a -> a.stopError().filter(e -> !(e instanceof StopHungException)).isPresent()).count(),
                "stop() threw", "stop() calls threw");
        count(parts, actors.stream().filter(a -> a.stopError().filter(e -> e instanceof StopHungException).isPresent()).count(),
                "stop() hung", "stop() calls hung");
        count(parts, actors.stream().mapToLong(a -> a.cutOffSessions().size()).sum(), "session cut off", "sessions cut off");
        count(parts, actors.stream().mapToLong(a -> a.leakedThreads().size()).sum() + factoryLeakedThreads.size(),
                "thread leaked", "threads leaked");
        count(parts, actors.stream().mapToLong(a -> a.leakedProcesses().size()).sum(), "process leaked", "processes leaked");
        return String.join(", ", parts);
    }

    private static void count(List<String> parts, long n, String one, String many) {
        if (n > 0) {
            parts.add(n + " " + (n == 1 ? one : many));
        }
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(java.util.stream.Collectors.joining(", "));
    }

    private static String note(ActorReport a) {
        List<String> notes = new ArrayList<>();
        a.error().ifPresent(e -> notes.add(Safe.brief(e) + (nestedReport(e) != null ? " (nested report below)" : "")));
        a.stopError().ifPresent(e -> notes.add(e instanceof StopHungException
                ? "stop() hung" + (((StopHungException) e).caller() == null ? "" : " at " + ((StopHungException) e).caller().where())
                : "stop() threw " + Safe.brief(e)));
        a.stopHeld().ifPresent(d -> notes.add("stop held " + Durations.format(d) + " for " + quoted(a.stopHeldFor())));
        if (!a.cycle().isEmpty()) {
            notes.add("in dependency cycle " + quoted(a.cycle()) + ": stopped together");
        }
        if (a.interruptAtStop() != InterruptAtStop.NONE) {
            notes.add(a.interruptAtStop() == InterruptAtStop.SWALLOWED ? "interrupted at stop and kept running"
                    : "interrupted at stop, interrupt still pending");
        }
        a.stuck().ifPresent(s -> notes.add("stuck at " + s.where() + ", " + s.describeState()));
        if (!a.cutOffSessions().isEmpty()) {
            notes.add(a.cutOffSessions().size() + " session(s) cut off");
        }
        if (!a.leakedThreads().isEmpty()) {
            notes.add(a.leakedThreads().size() + " thread(s) leaked");
        }
        a.process().ifPresent(p -> notes.add(p.toString()));
        if (!a.leakedProcesses().isEmpty()) {
            notes.add(a.leakedProcesses().size() + " process(es) leaked");
        }
        return String.join("; ", notes);
    }

    /**
     * @return each actor's lifecycle as text, one line per actor, times since the group started, such as
     *     {@code feed: thread 0ms, run 1ms, ready 3ms, stop asked 1.2s, returned 1.201s}
     */
    public String timeline() {
        StringBuilder out = new StringBuilder("timeline of group '" + group + "' (times since start; stop began at "
                + Durations.format(stopAskedAt) + "):");
        for (ActorReport a : actors) {
            out.append(NL).append("  ").append(a.name()).append(':');
            String sep = " ";
            for (var e : a.events().entrySet()) {
                out.append(sep).append(e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(' ')
                        .append(Durations.format(e.getValue()));
                sep = ", ";
            }
        }
        return out.toString();
    }
}
