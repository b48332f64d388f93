package dev.runstop;

import dev.runstop.internal.LifecycleHooks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A group of concurrent actors run as one: the Java form of Go's {@code run.Group}.
 *
 * <p>The one rule: {@link #run()} (or {@link #start()}) starts every actor on its own thread; the first
 * actor to return, normally or by throwing, ends the group; every actor is then stopped with that cause,
 * stops being delivered concurrently; and the group waits for every actor to return, but never forever:
 * an actor still running at its stop deadline is a straggler, reported with its thread's stack, and the
 * group returns without it.
 *
 * <pre>{@code
 * Group group = new Group("app");
 * group.add("http", Actors.service(server::start, () -> server.stop(0)));
 * group.add("feed", ctx -> feed.pump(), cause -> feed.close());
 * group.add("signals", Actors.signals("INT", "TERM"));
 * group.run(); // returns on SIGTERM, throws GroupFailedException if something failed
 * }</pre>
 *
 * <p>A group is configured, then run once. Configuration methods return {@code this}; they throw
 * {@link IllegalArgumentException} for bad values and {@link IllegalStateException} once the group has
 * started. A group with no actors returns from {@code run()} at once.
 */
public final class Group {
    /** The stop deadline of actors that have none of their own, unless changed: 5 seconds. */
    public static final Duration DEFAULT_STOP_DEADLINE = Duration.ofSeconds(5);
    /** How long threads left behind by actors may take to end before they count as leaked, unless changed. */
    public static final Duration DEFAULT_LEAK_LINGER = Duration.ofMillis(500);

    private final String name;
    private final Map<String, Spec> actors = new LinkedHashMap<>();
    /** The added actor instances, by identity; guarded by this. */
    private final Map<Actor, String> instances = new java.util.IdentityHashMap<>();
    private Duration stopDeadline = DEFAULT_STOP_DEADLINE;
    private Duration leakLinger = DEFAULT_LEAK_LINGER;
    private boolean trackThreads = true;
    private Predicate<Thread> ignoredThreads = t -> false;
    private Predicate<Thread> sharedThreads = t -> false;
    private boolean leakOrigins = ThreadOrigins.askedByProperty();
    /** The scope the group was built in by {@link #fromFactory}; null otherwise. Guarded by this. */
    private FactoryScope factory;
    private boolean osSignals = true;
    private boolean virtualThreads;
    private boolean sessionStacks;
    private LifecycleHooks hooks = LifecycleHooks.NONE;
    private final Map<String, List<String>> dependsOn = new LinkedHashMap<>();
    private boolean started;

    static {
        GroupAccessImpl.install();
    }

    record Spec(String name, Actor actor, Duration stopDeadline) {
    }

    /**
     * @param name the group's name, used in thread names ({@code <group>/<actor>}) and reports; not blank
     * @throws IllegalArgumentException if the name is null or blank
     */
    public Group(String name) {
        this.name = requireName(name, "group name");
    }

    /** @return the group's name */
    public String name() {
        return name;
    }

    /** @return the actors' names, in the order they were added */
    public synchronized List<String> actorNames() {
        return List.copyOf(actors.keySet());
    }

    /**
     * Adds an actor with the group's stop deadline.
     *
     * @param name unique in the group, not blank
     * @param actor the actor
     * @return this
     * @throws IllegalArgumentException if the name is blank, taken, or the actor null
     * @throws IllegalStateException if the group has started
     */
    public Group add(String name, Actor actor) {
        return add(name, actor, null);
    }

    /**
     * Adds an actor with a stop deadline of its own.
     *
     * @param name unique in the group, not blank
     * @param actor the actor
     * @param stopDeadline how long it may take to return once stop is delivered; positive
     * @return this
     * @throws IllegalArgumentException if the name is blank or taken, the actor null, or the deadline not
     *     positive
     * @throws IllegalStateException if the group has started
     */
    public synchronized Group add(String name, Actor actor, Duration stopDeadline) {
        checkNotStarted("add actor '" + name + "'");
        requireName(name, "actor name");
        if (actor == null) {
            throw new IllegalArgumentException("actor '" + name + "' of group '" + this.name + "' is null");
        }
        if (stopDeadline != null) {
            Durations.requirePositive(stopDeadline, "stop deadline of actor '" + name + "'");
        }
        if (actors.containsKey(name)) {
            throw new IllegalArgumentException("group '" + this.name + "' already has an actor named '" + name + "'");
        }
        String sameInstance = instances.putIfAbsent(actor, name);
        if (sameInstance != null) {
            throw new IllegalArgumentException("cannot add actor '" + name + "' to group '" + this.name
                    + "': the same Actor instance is already added as '" + sameInstance + "'; create one instance per actor");
        }
        actors.put(name, new Spec(name, actor, stopDeadline));
        return this;
    }

    /**
     * Adds an actor as a pair of functions, the form of Go's {@code run.Group.Add}.
     *
     * @param name unique in the group, not blank
     * @param run blocks while the actor works
     * @param stop makes {@code run} return; must meet the {@link Actor} contract
     * @return this
     * @throws IllegalArgumentException if the name is blank or taken, or a function null
     * @throws IllegalStateException if the group has started
     */
    public Group add(String name, Actor.Body run, Consumer<? super Throwable> stop) {
        if (run == null || stop == null) {
            throw new IllegalArgumentException("actor '" + name + "' of group '" + this.name + "': "
                    + (run == null ? "run" : "stop") + " function is null");
        }
        return add(name, Actors.of(run, stop));
    }

    /**
     * Adds an actor written as one function that watches {@link ActorContext#stopDelivered()} or waits
     * in {@link ActorContext#awaitStop()}.
     *
     * @param name unique in the group, not blank
     * @param body the actor's work
     * @return this
     * @throws IllegalArgumentException if the name is blank or taken, or the body null
     * @throws IllegalStateException if the group has started
     */
    public Group add(String name, Actor.Body body) {
        if (body == null) {
            throw new IllegalArgumentException("actor '" + name + "' of group '" + this.name + "' is null");
        }
        return add(name, new PairActor(body, cause -> { }, true));
    }

    /**
     * Sets the stop deadline of actors that have none of their own (default {@link #DEFAULT_STOP_DEADLINE}).
     *
     * @param deadline positive
     * @return this
     */
    public synchronized Group stopDeadline(Duration deadline) {
        checkNotStarted("set the stop deadline");
        this.stopDeadline = Durations.requirePositive(deadline, "stop deadline of group '" + name + "'");
        return this;
    }

    /** @return the stop deadline of actors that have none of their own */
    public synchronized Duration stopDeadline() {
        return stopDeadline;
    }

    /**
     * Whether {@link Actors#signals} actors listen to the process's real OS signals (default true). Test
     * harnesses turn this off, so that tests only ever see signals simulated with
     * {@link RunningGroup#signal(String)}.
     *
     * @param enabled false to listen to simulated signals only
     * @return this
     */
    public synchronized Group osSignals(boolean enabled) {
        checkNotStarted("change OS signal handling");
        this.osSignals = enabled;
        return this;
    }

    /**
     * Runs actors on virtual threads (default false). Virtual threads are not tracked by the leak check.
     *
     * @param enabled true for virtual threads
     * @return this
     * @throws UnsupportedOperationException if enabled on a JVM older than Java 21
     */
    public synchronized Group virtualThreads(boolean enabled) {
        checkNotStarted("change the thread kind");
        if (enabled && !Threads.virtualThreadsAvailable()) {
            throw new UnsupportedOperationException("virtual threads need Java 21 or later; this JVM is Java "
                    + Runtime.version().feature());
        }
        this.virtualThreads = enabled;
        return this;
    }

    /**
     * Configures the leak check: after the group stops, threads that its actors started and that are still
     * alive after {@code linger} are reported as leaked by the actor that started them (default
     * {@link #DEFAULT_LEAK_LINGER}). A thread belongs to the actor that made it: platform threads created
     * on the actor's threads or on threads they created (at any depth, in any thread group, including
     * thread groups a library makes), from {@link ActorContext#threadFactory()}, and by executors the actor
     * created; common-pool workers and, on Java 21+, virtual threads still running the actor's code (the
     * classes of the actor or of the lambdas it is made of); for a group built by
     * {@link #fromFactory}, threads the factory started count for {@code '<group>' factory}. Waiting for a
     * lingering thread joins it, so only a stop with a thread still ending waits, and only until it ends.
     * Threads that are JVM-wide by design (presets for Netty, commons-pool, the JDK HttpClient, Spring
     * Boot and the JDK; {@link #sharedThreads}) and threads the evidence cannot pin on one actor (a pool
     * made before the group that an actor made grow) are listed as {@linkplain StopReport#sharedThreads()
     * shared} and never blamed. Not tracked: work an actor hands to a pool made before the group (other
     * than the common pool), and virtual threads or common-pool work that run none of the actor's classes.
     *
     * @param linger how long leftover threads may take to end; zero turns the check off
     * @return this
     */
    public synchronized Group leakCheck(Duration linger) {
        checkNotStarted("configure the leak check");
        if (linger == null || linger.isNegative()) {
            throw new IllegalArgumentException("leak check linger of group '" + name + "' must be zero or positive, was " + linger);
        }
        this.trackThreads = !linger.isZero();
        this.leakLinger = linger;
        return this;
    }

    /**
     * Threads the leak check never blames nor lists. Prefer {@link #sharedThreads}, which lists them.
     *
     * @param ignored true for threads that may outlive the group
     * @return this
     */
    public synchronized Group ignoreThreads(Predicate<Thread> ignored) {
        checkNotStarted("configure the leak check");
        if (ignored == null) {
            throw new IllegalArgumentException("ignored-threads predicate must not be null");
        }
        this.ignoredThreads = this.ignoredThreads.or(ignored);
        return this;
    }

    /**
     * Threads that are JVM-wide by design, in addition to the presets: listed in the report as shared,
     * never blamed, never making the stop unclean. Rules add up. The system property
     * {@code runstop.leaks.shared} adds thread-name patterns (regular expressions of whole names,
     * comma-separated) for every group.
     *
     * @param rule true for a thread that may outlive the group because other apps use it too
     * @return this
     * @throws IllegalArgumentException if the rule is null
     */
    public synchronized Group sharedThreads(Predicate<Thread> rule) {
        checkNotStarted("configure the leak check");
        if (rule == null) {
            throw new IllegalArgumentException("shared-threads rule of group '" + name + "' must not be null");
        }
        this.sharedThreads = this.sharedThreads.or(rule);
        return this;
    }

    /**
     * Whether leaked threads are reported with where they were started: the stack of their
     * {@code Thread.start()} and its frame in application code (default: the system property
     * {@code runstop.leaks.origins}, else false). Uses JFR: the first group with it on starts a recording
     * of thread starts for the rest of the JVM's life (about half a second once); each thread start then
     * records its stack, and a leak check that finds a leak waits for JFR's next hand-over of events (up to
     * about two seconds). Off, a leak message says how to turn it on.
     *
     * @param enabled true to record where threads start
     * @return this
     */
    public synchronized Group leakOrigins(boolean enabled) {
        checkNotStarted("configure the leak check");
        this.leakOrigins = enabled;
        return this;
    }

    /**
     * Builds a group with an app factory run in a thread group of its own, so that threads the factory
     * starts (an executor made while the app is built) are checked with the group's threads and reported
     * as leaked by {@code '<group>' factory}. The factory runs on a new thread, and this call waits for
     * it; an interrupt of the caller is passed on to it.
     *
     * @param factory builds a new, unstarted group
     * @return the group it built, or null if it returned null
     * @throws Exception what the factory threw
     * @throws IllegalArgumentException if the factory is null
     */
    public static Group fromFactory(java.util.concurrent.Callable<? extends Group> factory) throws Exception {
        return FactoryScope.build(factory, ThreadOrigins.askedByProperty());
    }

    /**
     * As {@link #fromFactory(java.util.concurrent.Callable)}, choosing whether leaked threads are reported
     * with where they were started ({@link #leakOrigins(boolean)}) before the factory runs, so that this
     * covers the threads the factory starts too.
     *
     * @param factory builds a new, unstarted group
     * @param leakOrigins true to record where threads start, from before the factory runs
     * @return the group it built, or null if it returned null
     * @throws Exception what the factory threw
     * @throws IllegalArgumentException if the factory is null
     */
    public static Group fromFactory(java.util.concurrent.Callable<? extends Group> factory, boolean leakOrigins) throws Exception {
        Group group = FactoryScope.build(factory, leakOrigins);
        if (group != null && leakOrigins) {
            group.leakOrigins(true);
        }
        return group;
    }

    synchronized void adoptFactory(FactoryScope scope) {
        if (started) {
            scope.release();
            return; // started by the factory itself: its threads run in the group already
        }
        this.factory = scope;
    }

    /**
     * Whether sessions keep the stack of the code that opened them, for the report of sessions cut off
     * (default false: keeping it costs a stack walk per session).
     *
     * @param enabled true to keep it
     * @return this
     */
    public synchronized Group recordSessionStacks(boolean enabled) {
        checkNotStarted("configure sessions");
        this.sessionStacks = enabled;
        return this;
    }

    /**
     * Declares that actor {@code dependent} depends on actors {@code publishers}, for what no handle
     * look-up shows (a queue both share, a port agreed in advance). On stop, a publisher's stop is
     * delivered only once each of its dependents has returned or passed its own stop deadline. Dependencies
     * never order the start: a dependent waits for what it needs with a handle wait.
     *
     * @param dependent an actor already added
     * @param publishers actors already added, other than {@code dependent}
     * @return this
     * @throws IllegalArgumentException if a name is not an actor of this group, or names the dependent itself
     * @throws IllegalStateException if the group has started
     */
    public synchronized Group dependsOn(String dependent, String... publishers) {
        checkNotStarted("declare a dependency of actor '" + dependent + "'");
        if (!actors.containsKey(dependent)) {
            throw new IllegalArgumentException("group '" + name + "' has no actor '" + dependent + "' to declare dependencies of;"
                    + " it has " + actors.keySet() + " (add actors before their dependencies)");
        }
        if (publishers == null || publishers.length == 0) {
            throw new IllegalArgumentException("dependsOn('" + dependent + "'): name at least one actor it depends on");
        }
        for (String p : publishers) {
            if (p == null || !actors.containsKey(p)) {
                throw new IllegalArgumentException("actor '" + dependent + "' of group '" + name + "' cannot depend on '" + p
                        + "': no such actor; it has " + actors.keySet());
            }
            if (p.equals(dependent)) {
                throw new IllegalArgumentException("actor '" + dependent + "' of group '" + name + "' cannot depend on itself");
            }
        }
        List<String> list = dependsOn.computeIfAbsent(dependent, k -> new ArrayList<>());
        for (String p : publishers) {
            if (!list.contains(p)) {
                list.add(p);
            }
        }
        return this;
    }

    synchronized Group hooks(LifecycleHooks hooks) {
        checkNotStarted("set lifecycle hooks");
        this.hooks = hooks == null ? LifecycleHooks.NONE : hooks;
        return this;
    }

    /**
     * Starts every actor and returns at once.
     *
     * @return the running group
     * @throws IllegalStateException if the group was already started: a group runs once
     */
    public RunningGroup start() {
        return launch(false);
    }

    /**
     * Runs the group on the calling thread until it has stopped: starts every actor, waits for the first to
     * return, stops them all and waits for them up to their stop deadlines. Interrupting the calling thread
     * stops the group; the interrupt flag is set again on return.
     *
     * @return the report of a clean stop
     * @throws GroupFailedException if an actor failed or straggled, a {@code stop} threw, a session was cut
     *     off or a thread leaked; its report says which
     * @throws IllegalStateException if the group was already started
     */
    public StopReport run() {
        GroupRuntime runtime = launch(true);
        StopReport report = runtime.superviseOnCallerThread();
        if (!report.clean()) {
            throw report.failure().orElseThrow();
        }
        return report;
    }

    private GroupRuntime launch(boolean callerSupervises) {
        List<Spec> specs;
        GroupRuntime.Settings settings;
        synchronized (this) {
            if (started) {
                throw new IllegalStateException("group '" + name + "' was already started; a group runs once: build a new one");
            }
            started = true;
            specs = new ArrayList<>(actors.values());
            Map<String, List<String>> deps = new LinkedHashMap<>();
            dependsOn.forEach((k, v) -> deps.put(k, List.copyOf(v)));
            settings = new GroupRuntime.Settings(name, stopDeadline, trackThreads && !virtualThreads, leakLinger,
                    ignoredThreads, osSignals, virtualThreads, sessionStacks, hooks, deps, sharedThreads, leakOrigins, factory);
        }
        try {
            return GroupRuntime.launch(settings, specs, callerSupervises);
        } catch (RuntimeException | Error refused) {
            synchronized (this) {
                started = false; // nothing ran: the group may be fixed and started again
            }
            throw refused;
        }
    }

    private void checkNotStarted(String what) {
        if (started) {
            throw new IllegalStateException("cannot " + what + ": group '" + name + "' has already started");
        }
    }

    private static String requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " must not be " + (name == null ? "null" : "blank"));
        }
        return name;
    }

    @Override
    public synchronized String toString() {
        return "Group[" + name + ", actors=" + actors.keySet() + ", stopDeadline=" + Durations.format(stopDeadline) + "]";
    }
}
