package dev.runstop.junit;

import dev.runstop.ActorException;
import dev.runstop.Group;
import dev.runstop.HandleTimeoutException;
import dev.runstop.RunningGroup;
import dev.runstop.StartFailedException;
import dev.runstop.StopCause;
import dev.runstop.StopReport;
import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.PreInterruptCallback;
import org.junit.jupiter.api.extension.PreInterruptContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The JUnit Jupiter extension that runs an app ({@link Group}) for tests: it builds the group, starts it
 * and waits until it is ready before the tests; injects its ports, handles and the {@link RunningGroup}
 * into parameters ({@link Port}, {@link Handle}); fails the test during which the app stops unexpectedly,
 * and the tests after it; and stops the app after the tests, failing if the stop was not clean (an actor
 * failed or outlived its stop deadline), with the stop report in the message.
 *
 * <p>Register it declaratively with {@link RunstopTest}, or programmatically:
 * <pre>{@code
 * @RegisterExtension
 * static RunstopExtension app = RunstopExtension.forApp(() -> Shop.group(config))
 *         .startDeadline(Duration.ofSeconds(10))
 *         .stopDeadline(Duration.ofSeconds(2))
 *         .configure(group -> group.add("db", dbActor));
 * }</pre>
 * Registered on a static field or through {@link RunstopTest}, there is one app per test class (started
 * before all tests, stopped after all, shared by {@code @Nested} classes); registered on an instance field,
 * one app per test method.
 *
 * <p>Deadlines: a deadline given to the builder or the annotation wins; else the configuration parameters
 * {@value #STOP_DEADLINE_KEY} and {@value #START_DEADLINE_KEY} (from {@code junit-platform.properties} or
 * {@code -D}); else the group's own stop deadline (5s unless the app sets one) and a start deadline of 30s.
 *
 * <p>The group never listens to real OS signals under test ({@link Group#osSignals(boolean)} is turned
 * off); tests deliver simulated ones with {@link RunningGroup#signal(String)}. A stop or signal a test asks
 * for through the injected {@code RunningGroup} (or during a test annotated {@link ExpectAppStop}) is a stop
 * on purpose and does not fail that test.
 *
 * <p>When the app stops unexpectedly while a test method runs, the thread running that test is
 * interrupted (unless {@value #INTERRUPT_KEY} is {@code false}), so a test blocked without a timeout fails
 * at once; the interrupt is cleared when the test method returns. The stop cause is logged at WARNING.
 *
 * <p>Every stop publishes the report entry {@code runstop.report} (the {@link StopReport} as text) and
 * writes the class's timeline page and stop reports, {@code runstop/<test class name>.html} and
 * {@code .txt} under JUnit's reporting output directory (or {@code target/}, {@code build/}), announced as
 * the report entry {@code runstop.timeline}, logged at INFO once per class and attached with
 * {@code publishFile} where JUnit has it.
 *
 * <p>With {@link Scope#SHARED} ({@link RunstopTest#scope()}, {@link #shared()}) one app serves every
 * class that asks for the same app, started once per run and stopped at its end.
 *
 * <p>All state lives in the extension context's store: classes running in parallel each get their own app
 * (a shared app lives in the root context's store).
 */
public sealed class RunstopExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver, TestExecutionExceptionHandler, InvocationInterceptor
        permits RunstopExtension.WithTimeoutSnapshots {

    /** Configuration parameter: the stop deadline of actors that have none of their own, such as {@code 2s}. */
    public static final String STOP_DEADLINE_KEY = "runstop.stop.deadline";
    /** Configuration parameter: how long the app may take to become ready, such as {@code 10s}. */
    public static final String START_DEADLINE_KEY = "runstop.start.deadline";
    /** The start deadline when none is configured: 30 seconds. */
    public static final Duration DEFAULT_START_DEADLINE = Duration.ofSeconds(30);
    /**
     * Configuration parameter: {@code false} keeps the extension from interrupting the thread of a test
     * during which the app stops unexpectedly. Default {@code true}.
     */
    public static final String INTERRUPT_KEY = "runstop.interrupt-on-app-stop";
    /**
     * Configuration parameter: once every actor is ready, how long a {@link Port} or named {@link Handle}
     * that is not published yet is waited for before the injection fails, such as {@code 500ms}.
     */
    public static final String HANDLE_GRACE_KEY = "runstop.handle.grace";
    /**
     * Configuration parameter: {@code true} makes the app record where each session opens
     * ({@link Group#recordSessionStacks(boolean)}), so a session cut off at the stop deadline names the
     * frame that opened it. Default {@code false}: a stack per session costs time on busy servers.
     */
    public static final String SESSION_STACKS_KEY = "runstop.session-stacks";
    /** The handle grace when none is configured: 2 seconds. */
    public static final Duration DEFAULT_HANDLE_GRACE = Duration.ofSeconds(2);

    private static final System.Logger LOG = System.getLogger(RunstopExtension.class.getName());
    static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunstopExtension.class);
    /** Whether this JUnit has {@code PreInterruptCallback} (5.12+). */
    private static final boolean PRE_INTERRUPT = present("org.junit.jupiter.api.extension.PreInterruptCallback");

    private final AppFactory factory;
    private final Duration startDeadline;
    private final Duration stopDeadline;
    private final Consumer<Group> configure;
    private final boolean shared;
    private final Map<String, AppInstance> running = new ConcurrentHashMap<>();

    /** What a programmatic registration is made of. */
    record Parts(AppFactory factory, Duration startDeadline, Duration stopDeadline, Consumer<Group> configure, boolean shared) {
    }

    /**
     * The form {@link RunstopTest} (or {@code @ExtendWith(RunstopExtension.class)} next to it) registers:
     * it builds the app as the test class's {@code @RunstopTest} says.
     */
    public RunstopExtension() {
        this(new Parts(null, null, null, null, false));
    }

    private RunstopExtension(Parts parts) {
        this.factory = parts.factory();
        this.startDeadline = parts.startDeadline();
        this.stopDeadline = parts.stopDeadline();
        this.configure = parts.configure();
        this.shared = parts.shared();
    }

    /**
     * The programmatic form on a JUnit with {@code PreInterruptCallback}: also takes the app's snapshot
     * when JUnit interrupts a test for its timeout.
     */
    static final class WithTimeoutSnapshots extends RunstopExtension implements PreInterruptCallback {
        WithTimeoutSnapshots(Parts parts) {
            super(parts);
        }

        /** Takes the snapshot of the app the interrupted thread runs a test against. */
        @Override
        public void beforeThreadInterrupt(PreInterruptContext preInterruptContext, ExtensionContext extensionContext) {
            recordTimeoutSnapshot(preInterruptContext.getThreadToInterrupt(), extensionContext);
        }
    }

    private static RunstopExtension of(Parts parts) {
        return PRE_INTERRUPT ? TimeoutSnapshots.extension(parts) : new RunstopExtension(parts);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, ExtensionContext.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Starts the programmatic form: register the result with {@code @RegisterExtension}.
     *
     * @param factory builds a fresh, unstarted group for each app instance
     * @return an extension running the app that {@code factory} builds
     * @throws IllegalArgumentException if factory is null
     */
    public static RunstopExtension forApp(AppFactory factory) {
        if (factory == null) {
            throw new IllegalArgumentException("app factory must not be null");
        }
        return of(new Parts(factory, null, null, null, false));
    }

    /**
     * @param deadline how long the app may take to become ready; positive. Wins over the configuration
     *     parameter {@value #START_DEADLINE_KEY}.
     * @return a copy of this extension with the start deadline
     * @throws IllegalArgumentException if the deadline is null or not positive
     */
    public RunstopExtension startDeadline(Duration deadline) {
        return of(new Parts(factory, positive(deadline, "start deadline"), stopDeadline, configure, shared));
    }

    /**
     * @param deadline the stop deadline of actors that have none of their own; positive. Wins over the
     *     configuration parameter {@value #STOP_DEADLINE_KEY} and the group's own setting.
     * @return a copy of this extension with the stop deadline
     * @throws IllegalArgumentException if the deadline is null or not positive
     */
    public RunstopExtension stopDeadline(Duration deadline) {
        return of(new Parts(factory, startDeadline, positive(deadline, "stop deadline"), configure, shared));
    }

    /**
     * Adds a step that changes each group after the factory built it and before it starts: add actors
     * (such as containers), set deadlines of its own. Several steps run in the order they were added.
     *
     * @param step receives the unstarted group
     * @return a copy of this extension with the step
     * @throws IllegalArgumentException if step is null
     */
    public RunstopExtension configure(Consumer<Group> step) {
        if (step == null) {
            throw new IllegalArgumentException("configure step must not be null");
        }
        Consumer<Group> steps = configure == null ? step : configure.andThen(step);
        return of(new Parts(factory, startDeadline, stopDeadline, steps, shared));
    }

    /**
     * Makes the app {@link Scope#SHARED}: started once per test run for every class that registers an
     * extension with the same factory (keep the extension in one static field that the classes' own
     * {@code @RegisterExtension} fields refer to), and stopped at the end of the run.
     *
     * @return a copy of this extension with the shared scope
     */
    public RunstopExtension shared() {
        return of(new Parts(factory, startDeadline, stopDeadline, configure, true));
    }

    /**
     * The app this registration runs, for tests that hold the extension's field.
     *
     * @return the running app
     * @throws IllegalStateException if no app of this registration is running now, or several are (a
     *     static field shared by test classes running in parallel: take a {@link RunningGroup} parameter)
     */
    public RunningGroup app() {
        List<AppInstance> apps = List.copyOf(running.values());
        if (apps.size() == 1) {
            return apps.get(0).view;
        }
        if (apps.isEmpty()) {
            throw new IllegalStateException("no app of this extension is running: app() works while the tests of the class"
                    + " that registered it run (after its before-all, or before-each for an instance field)");
        }
        throw new IllegalStateException(apps.size() + " apps of this extension are running (a field shared by test classes"
                + " that run in parallel); take a RunningGroup parameter instead");
    }

    // ---------------------------------------------------------------------------------------------- lifecycle

    /** Starts the test class's app, unless an enclosing class's app is running (then {@code @Nested} tests share it). */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (ClassTemplates.isTemplate(context)) {
            // a @ParameterizedClass: each invocation gets its own app, started in that invocation
            context.getStore(NAMESPACE).put(new Key(this, "per-invocation"), new InvocationFailures());
            return;
        }
        AppInstance app = find(context);
        if (app == null) {
            app = startPerInvocation(context);
        }
        if (app == null) {
            app = start(context);
        }
        injectFields(app, context.getRequiredTestClass(), null, false);
    }

    /**
     * Starts the app of the class template invocation that encloses the context, if this registration is
     * one per class and the context is inside an invocation of a {@code @ParameterizedClass}: the
     * invocation's store stops it (and fails the invocation if the stop was not clean) when the
     * invocation ends.
     *
     * @return the invocation's app, or null if the context is in no class template invocation
     */
    private AppInstance startPerInvocation(ExtensionContext context) {
        InvocationFailures failures = context.getStore(NAMESPACE).get(new Key(this, "per-invocation"), InvocationFailures.class);
        if (failures == null) {
            return null;
        }
        ExtensionContext invocation = ClassTemplates.enclosingInvocation(context).orElse(null);
        if (invocation == null) {
            return null;
        }
        AppInstance app = start(invocation);
        // JUnit closes the invocation's store when the invocation ends; what that throws would reach the user
        // wrapped in "Failed to close extension context", so an unclean stop fails the template's after-all
        invocation.getStore(NAMESPACE).put(new Key(this, "invocation-teardown"), (AutoCloseable) () -> {
            StopReport report = stop(invocation, app, "test class invocation finished");
            if (report != null && !report.clean()) {
                failures.add(new AppStopFailedException(report.failure().orElseThrow(), Reproduce.line(app.testClass),
                        "class invocation " + invocation.getDisplayName().strip() + ": "));
            }
        });
        injectFields(app, invocation.getRequiredTestClass(), null, false);
        return app;
    }

    /** Stops the app this class started and fails the class if the stop was not clean. */
    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        InvocationFailures invocations = context.getStore(NAMESPACE).get(new Key(this, "per-invocation"), InvocationFailures.class);
        if (invocations != null && ClassTemplates.isTemplate(context)) {
            invocations.throwIfAny();
            return;
        }
        AppInstance app = owned(context);
        if (app != null) {
            RuntimeException failure = teardown(context, app, "test class finished");
            if (failure != null) {
                throw failure;
            }
        }
    }

    /**
     * Starts the test's own app when the extension is registered on an instance field; otherwise fails the
     * test at once if the class's app has already stopped.
     */
    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        AppInstance app = find(context);
        if (app == null) {
            app = startPerInvocation(context);
        }
        if (app == null) {
            app = start(context);
        } else {
            Optional<StopCause> cause = app.group.stopCause();
            if (cause.isPresent()) {
                throw stoppedBefore(app, cause.get());
            }
        }
        boolean perTest = owned(context) != null;
        if (perTest) {
            injectFields(app, context.getRequiredTestClass(), null, true); // fails for static fields: one app per test
        }
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            injectFields(app, instance.getClass(), instance, perTest);
        }
        app.testStarted(context.getDisplayName());
        context.getStore(NAMESPACE).put(new Key(this, "watched"), new Watched(app));
    }

    /**
     * Fails the test if the app stopped during it (unless the test stopped it on purpose); stops the test's
     * own app when the extension is registered on an instance field.
     */
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        AppInstance watched = watched(store);
        RuntimeException failure = null;
        if (watched != null && store.get(new Key(this, "reported")) == null) {
            failure = stoppedDuring(context, watched);
        }
        AppInstance owned = owned(context);
        if (owned != null) {
            RuntimeException stopFailure = teardown(context, owned, "test finished");
            if (failure == null) {
                failure = stopFailure;
            } else if (stopFailure != null) {
                failure.addSuppressed(stopFailure);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * When a test throws and the app stopped during it, fails the test with the reason the app stopped and
     * keeps the test's own exception as suppressed: the real cause first, not a "connection refused".
     */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        AppStateAtTimeout snapshot = store.remove(TimeoutSnapshotKey.INSTANCE, AppStateAtTimeout.class);
        if (snapshot != null) {
            throwable.addSuppressed(snapshot);
        }
        AppInstance watched = watched(store);
        if (watched != null) {
            AppStoppedException stopped = stoppedDuring(context, watched);
            if (stopped != null) {
                store.put(new Key(this, "reported"), Boolean.TRUE);
                stopped.addSuppressed(throwable);
                throw stopped;
            }
        }
        throw throwable;
    }

    /**
     * Runs the test method so that an unexpected stop of its app interrupts the thread running it (unless
     * {@value #INTERRUPT_KEY} is {@code false}): a test blocked without a timeout fails at once instead of
     * hanging. The interrupt is confined to the method's invocation: an interrupt the extension set is
     * cleared before this returns.
     */
    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        watchedInvocation(invocation, extensionContext);
    }

    /** As {@link #interceptTestMethod}, for each invocation of a parameterized or repeated test. */
    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        watchedInvocation(invocation, extensionContext);
    }

    /** As {@link #interceptTestMethod}, for each dynamic test. */
    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        watchedInvocation(invocation, extensionContext);
    }

    private void watchedInvocation(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        AppInstance app = find(context);
        if (app == null) {
            invocation.proceed();
            return;
        }
        RunningTest test = app.began(context.getDisplayName(),
                AnnotationSupport.isAnnotated(context.getTestMethod(), ExpectAppStop.class));
        try {
            invocation.proceed();
        } finally {
            app.ended(test);
        }
    }

    // ---------------------------------------------------------------------------------------------- parameters

    /** Supports parameters annotated {@link Port} or {@link Handle}, and parameters of type {@link RunningGroup}. */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.isAnnotated(Port.class) || parameterContext.isAnnotated(Handle.class)
                || parameterContext.getParameter().getType() == RunningGroup.class;
    }

    /**
     * Resolves a port, a handle or the running app. A port or handle not published yet is waited for up to
     * the handle grace ({@value #HANDLE_GRACE_KEY}, default 2s) once every actor is ready, else up to the
     * start deadline.
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Parameter parameter = parameterContext.getParameter();
        AppInstance app = find(extensionContext);
        if (app == null && parameterContext.getDeclaringExecutable() instanceof java.lang.reflect.Constructor
                && extensionContext.getTestInstanceLifecycle().orElse(null) == TestInstance.Lifecycle.PER_CLASS) {
            app = start(classContext(extensionContext));
        }
        if (app == null) {
            throw new ParameterResolutionException("cannot resolve " + describe(parameterContext) + ": no app of "
                    + "RunstopExtension is running yet (with one app per test method, inject into test and @BeforeEach "
                    + "methods, not the constructor)");
        }
        String described = describe(parameterContext);
        return value(app, parameter.getType(), parameterContext.findAnnotation(Port.class).orElse(null),
                parameterContext.findAnnotation(Handle.class).orElse(null), "resolve " + described,
                (message, cause) -> new ParameterResolutionException(message, cause));
    }

    /**
     * The value of a port, a handle or the running app for an injection point.
     *
     * @param what such as {@code resolve @Port("http") parameter 0 (int) of ShopTest.serves()}
     * @param failure makes the exception for a value that cannot be had
     */
    private static Object value(AppInstance app, Class<?> type, Port port, Handle handle, String what,
            java.util.function.BiFunction<String, Throwable, RuntimeException> failure) {
        // Once every actor is ready, what is not published yet gets only the grace: a typo fails fast.
        boolean ready = app.group.isReady();
        Duration wait = ready && app.handleGrace.compareTo(app.startDeadline) < 0 ? app.handleGrace : app.startDeadline;
        try {
            if (port != null) {
                if (type != int.class && type != Integer.class) {
                    throw failure.apply("cannot " + what + ": @Port needs an int or Integer, not " + type.getName(), null);
                }
                return app.group.handles().awaitPort(port.value(), wait);
            }
            if (handle != null) {
                String name = handle.value();
                return name.isEmpty() ? app.group.handles().awaitByType(type, wait)
                        : app.group.handles().await(name, type, wait);
            }
            return app.view;
        } catch (HandleTimeoutException e) {
            String after = !e.groupStopped() && ready && wait.equals(app.handleGrace)
                    ? " (every actor of the app was ready; a value published later needs a longer " + HANDLE_GRACE_KEY + ")" : "";
            throw failure.apply("cannot " + what + " from app '" + app.name() + "': " + e.getMessage() + after, e);
        } catch (NoSuchElementException | ClassCastException e) {
            throw failure.apply("cannot " + what + " from app '" + app.name() + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure.apply("interrupted while trying to " + what, e);
        }
    }

    // ---------------------------------------------------------------------------------------------- fields

    /**
     * Injects the {@link Port} and {@link Handle} fields of the test class (static fields, when
     * {@code statics}) or of the test instances (instance fields).
     *
     * @throws ExtensionConfigurationException for a static field when the app is one per test method, or a
     *     final field
     */
    private static void injectFields(AppInstance app, Class<?> testClass, Object instance, boolean perTest) {
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (java.lang.reflect.Field field : c.getDeclaredFields()) {
                Port port = field.getAnnotation(Port.class);
                Handle handle = field.getAnnotation(Handle.class);
                if (port == null && handle == null) {
                    continue;
                }
                boolean isStatic = Modifier.isStatic(field.getModifiers());
                String described = (port != null ? "@Port(\"" + port.value() + "\")"
                        : handle.value().isEmpty() ? "@Handle" : "@Handle(\"" + handle.value() + "\")")
                        + " field " + c.getSimpleName() + "." + field.getName();
                if (Modifier.isFinal(field.getModifiers())) {
                    throw new ExtensionConfigurationException(described + " must not be final: the extension assigns it");
                }
                if (isStatic && perTest) {
                    throw new ExtensionConfigurationException(described + " is static, but the app is one per test method"
                            + " (RunstopExtension on an instance field): make the field an instance field");
                }
                if (isStatic != (instance == null)) {
                    continue;
                }
                Object value = value(app, field.getType(), port, handle, "inject " + described,
                        (message, cause) -> new IllegalStateException(message, cause));
                try {
                    field.setAccessible(true);
                    field.set(instance, value);
                } catch (IllegalAccessException | RuntimeException e) {
                    throw new ExtensionConfigurationException("cannot inject " + described + ": " + e, e);
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- internals

    /** Store key of this registration: the same extension instance may serve nested contexts. */
    private record Key(RunstopExtension extension, String what) {
    }

    /**
     * The unclean stops of a class template's invocations, thrown from the template's after-all: the first,
     * with the others suppressed.
     */
    private static final class InvocationFailures {
        private final List<AppStopFailedException> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

        void add(AppStopFailedException failure) {
            failures.add(failure);
        }

        void throwIfAny() {
            if (!failures.isEmpty()) {
                AppStopFailedException first = failures.get(0);
                failures.subList(1, failures.size()).forEach(first::addSuppressed);
                throw first;
            }
        }
    }

    /** Root store key of a shared app: the app's identity (its factory class, method or object). */
    private record SharedKey(Object identity) {
    }

    /** Store key of the snapshot taken when JUnit interrupted the test for its timeout. */
    private enum TimeoutSnapshotKey {
        INSTANCE
    }

    /**
     * Takes the snapshot of the app the thread runs a test against, for the test's failure; called just
     * before JUnit interrupts the thread for a timeout. Does nothing if the thread runs no such test.
     */
    static void recordTimeoutSnapshot(Thread thread, ExtensionContext context) {
        AppInstance.ofThread(thread).ifPresent(app -> context.getStore(NAMESPACE).put(TimeoutSnapshotKey.INSTANCE,
                new AppStateAtTimeout(app.name(), context.getDisplayName(), app.group.snapshot())));
    }

    /** Store key of a test class's timeline page, shared by every app run of the class. */
    private record TimelineKey(Class<?> testClass) {
    }

    /** The app a test watches; not closeable, so the test's store does not stop the class's app. */
    private record Watched(AppInstance app) {
    }

    private AppInstance watched(ExtensionContext.Store store) {
        Watched watched = store.get(new Key(this, "watched"), Watched.class);
        return watched == null ? null : watched.app();
    }

    private AppInstance find(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        AppInstance app = store.get(new Key(this, "app"), AppInstance.class);
        if (app != null) {
            return app;
        }
        Watched shared = store.get(new Key(this, "shared"), Watched.class);
        return shared == null ? null : shared.app();
    }

    private AppInstance owned(ExtensionContext context) {
        AppInstance app = find(context);
        return app != null && app.ownerId.equals(context.getUniqueId()) ? app : null;
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    /** Starts the app for the context (a class, or a test for an instance field), or joins the shared one. */
    private AppInstance start(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Settings settings = settings(context, testClass);
        if (settings.shared) {
            SharedApp shared = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(new SharedKey(settings.identity),
                    key -> new SharedApp(settings.identity.toString()), SharedApp.class);
            AppInstance app = shared.acquire(() -> launch(context, settings, "shared " + settings.identity, started -> { }));
            app.usedBy(context.getRequiredTestClass());
            context.getStore(NAMESPACE).put(new Key(this, "shared"), new Watched(app));
            running.put(app.ownerId, app); // for app(); the one shared app stays its answer after the run
            return app;
        }
        return launch(context, settings, context.getUniqueId(), app -> {
            context.getStore(NAMESPACE).put(new Key(this, "app"), app);
            running.put(app.ownerId, app);
        });
    }

    /**
     * Builds and starts the app and waits until it is ready; on a start failure stops it and throws.
     *
     * @param register called with the started app before the wait, so a failed start is still stopped
     */
    private AppInstance launch(ExtensionContext context, Settings settings, String ownerId, Consumer<AppInstance> register) {
        Class<?> testClass = context.getRequiredTestClass();
        Group group = build(settings.factory, testClass, LeakSettings.origins(context));
        if (settings.stopDeadline != null) {
            group.stopDeadline(settings.stopDeadline);
        }
        if (sessionStacks(context)) {
            group.recordSessionStacks(true); // before configure, which may still turn them off
        }
        if (configure != null) {
            configure.accept(group);
        }
        group.osSignals(false);
        LeakSettings.apply(context, group);
        RunningGroup started = group.start();
        AppInstance app = new AppInstance(ownerId, testClass, started, settings.startDeadline,
                settings.handleGrace, settings.interruptOnStop, OutputDir.of(context));
        register.accept(app);
        try {
            started.awaitReady(settings.startDeadline);
            app.becameReady();
        } catch (StartFailedException e) {
            StopReport report = null;
            InterruptedException interrupted = null;
            try {
                report = stop(context, app, "start failed");
            } catch (InterruptedException stopInterrupted) {
                Thread.currentThread().interrupt();
                interrupted = stopInterrupted;
            }
            AppStartFailedException failure = new AppStartFailedException(e, report, Reproduce.line(testClass));
            if (interrupted != null) {
                failure.addSuppressed(interrupted);
            }
            throw failure;
        } catch (InterruptedException e) {
            started.stop("interrupted while starting");
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for app '" + group.name() + "' to become ready", e);
        }
        return app;
    }

    private RuntimeException teardown(ExtensionContext context, AppInstance app, String reason) throws InterruptedException {
        StopReport report = stop(context, app, reason);
        if (report == null || report.clean()) {
            return null;
        }
        return new AppStopFailedException(report.failure().orElseThrow(), app.reproduce());
    }

    private StopReport stop(ExtensionContext context, AppInstance app, String reason) throws InterruptedException {
        try {
            StopReport report = app.stop(reason);
            if (report != null) {
                context.publishReportEntry("runstop.report", report.toString());
                publishTimeline(context, app, report);
            }
            return report;
        } finally {
            running.remove(app.ownerId, app);
        }
    }

    /**
     * Writes the class's timeline page and stop report file and attaches both to the test or class (where
     * JUnit can attach files), and announces the page as the report entry {@code runstop.timeline} with
     * its path; logs that path at INFO once per class. A file that cannot be written is logged, never a
     * test failure: the stop report is already published.
     */
    private void publishTimeline(ExtensionContext context, AppInstance app, StopReport report) {
        ExtensionContext owner = classContext(context);
        TimelineKey key = new TimelineKey(app.testClass); // not per registration: an instance field is one per test
        TimelineFile timeline;
        boolean first = false;
        synchronized (app.testClass) { // the one object every registration in the class shares
            timeline = owner.getStore(NAMESPACE).get(key, TimelineFile.class);
            if (timeline == null) {
                timeline = ClassTemplates.invocationIndex(owner)
                        .map(i -> new TimelineFile(app.testClass.getName() + " " + owner.getDisplayName().strip(),
                                app.testClass.getName() + "[" + i + "]", app.outputDir))
                        .orElseGet(() -> new TimelineFile(app.testClass, app.outputDir));
                owner.getStore(NAMESPACE).put(key, timeline);
                first = true;
            }
        }
        TimelineFile.Page page;
        try {
            page = timeline.add(report);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write the timeline of app '" + app.name() + "' of "
                    + app.testClass.getName() + ": " + e);
            return;
        }
        if (first) {
            LOG.log(System.Logger.Level.INFO, "runstop: timeline of " + app.testClass.getName() + ": " + page.file());
        }
        context.publishReportEntry("runstop.timeline", page.file().toString());
        try {
            PublishedFiles.publish(context, page.file(), "html");
            PublishedFiles.publish(context, page.reportFile(), "plain");
        } catch (Exception e) {
            // the launcher may not accept files (the engine test kit does not by default); the entry above names the page
            LOG.log(System.Logger.Level.DEBUG, "timeline of " + app.testClass.getName() + " not attached as a file: " + e);
        }
    }

    private AppStoppedException stoppedDuring(ExtensionContext context, AppInstance app) {
        Optional<StopCause> cause = app.group.stopCause();
        if (cause.isEmpty()) {
            return null;
        }
        if (app.stopOnPurpose() != null || AnnotationSupport.isAnnotated(context.getTestMethod(), ExpectAppStop.class)) {
            app.expectStop(context.getDisplayName());
            return null;
        }
        app.stoppedDuring(context.getDisplayName());
        return new AppStoppedException("app '" + app.name() + "' stopped during this test: " + failures(app, cause.get())
                + System.lineSeparator() + app.reproduce(), cause.get());
    }

    /** How many actors that failed together a test's message names. */
    private static final int NAMED_FAILURES = 5;

    /**
     * @return the stop cause's message, followed by every other actor that failed with it (up to
     *     {@value #NAMED_FAILURES}), once the group has terminated; waits for that at most a moment, since
     *     actors that fail together end together
     */
    private static String failures(AppInstance app, StopCause cause) {
        if (cause.kind() != StopCause.Kind.ACTOR_FAILED) {
            return cause.getMessage();
        }
        Optional<StopReport> report;
        try {
            report = app.group.awaitTermination(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report = app.group.report();
        }
        List<String> others = report.map(r -> r.problems().stream()
                .filter(p -> p.problem() == ActorException.Problem.FAILED)
                .map(p -> "actor '" + p.actor() + "' failed too: "
                        + firstLine(p.getMessage()).replace("actor '" + p.actor() + "' also failed: ", ""))
                .toList()).orElse(List.of());
        if (others.isEmpty()) {
            return cause.getMessage();
        }
        String first = firstLine(cause.getMessage());
        StringBuilder text = new StringBuilder(first).append("; "); // every failed actor on the first line
        text.append(String.join("; ", others.subList(0, Math.min(others.size(), NAMED_FAILURES))));
        if (others.size() > NAMED_FAILURES) {
            text.append("; ... (").append(others.size() - NAMED_FAILURES).append(" more in the stop report)");
        }
        return text.append(cause.getMessage().substring(first.length())).toString(); // then the cause's detail lines
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static AppStoppedException stoppedBefore(AppInstance app, StopCause cause) {
        String onPurpose = app.stopOnPurpose();
        if (onPurpose != null) {
            return new AppStoppedException("app '" + app.name() + "' is stopped: " + onPurpose + " on purpose ("
                    + cause.getMessage() + "), and the class shares one app. Run tests that stop the app last (@Order),"
                    + " or register RunstopExtension on an instance field for one app per test", cause);
        }
        String during = app.stoppedDuring();
        return new AppStoppedException("app '" + app.name() + "' stopped before this test began: " + cause.getMessage()
                + (during == null ? "" : " (it stopped during test '" + during + "')")
                + System.lineSeparator() + app.reproduce(), cause);
    }

    /** What a lifecycle stress of this registration's app uses: its factory, as the tests get the app, and its deadlines. */
    record StressApp(AppFactory factory, Duration startDeadline, Duration stopDeadline) {
    }

    /**
     * For {@link LifecycleStress}: builds each cycle's group as this registration builds the app for a test
     * (its stop deadline and configure steps applied), with the start deadline the tests wait for.
     */
    StressApp stressApp(ExtensionContext context, Class<?> testClass) {
        Settings s = settings(context, testClass);
        boolean leakOrigins = LeakSettings.origins(context);
        AppFactory built = () -> {
            Group group = build(s.factory, testClass, leakOrigins);
            if (s.stopDeadline != null) {
                group.stopDeadline(s.stopDeadline);
            }
            if (configure != null) {
                configure.accept(group);
            }
            LeakSettings.apply(context, group);
            return group;
        };
        return new StressApp(built, s.startDeadline, s.stopDeadline);
    }

    private record Settings(AppFactory factory, Object identity, boolean shared, Duration startDeadline,
            Duration stopDeadline, Duration handleGrace, boolean interruptOnStop) {
    }

    private Settings settings(ExtensionContext context, Class<?> testClass) {
        AppFactory appFactory = factory;
        Object identity = factory;
        boolean sharedScope = shared;
        Duration start = startDeadline;
        Duration stop = stopDeadline;
        if (appFactory == null) {
            RunstopTest annotation = findRunstopTest(testClass);
            appFactory = factoryOf(annotation, testClass);
            identity = identityOf(annotation, testClass);
            sharedScope = annotation.scope() == Scope.SHARED;
            String where = "@RunstopTest(%s) on " + testClass.getName();
            if (start == null && !annotation.startDeadline().isBlank()) {
                start = DurationText.parse(annotation.startDeadline(), String.format(where, "startDeadline"));
            }
            if (stop == null && !annotation.stopDeadline().isBlank()) {
                stop = DurationText.parse(annotation.stopDeadline(), String.format(where, "stopDeadline"));
            }
        }
        if (start == null) {
            start = configured(context, START_DEADLINE_KEY).orElse(DEFAULT_START_DEADLINE);
        }
        if (stop == null) {
            stop = configured(context, STOP_DEADLINE_KEY).orElse(null);
        }
        Duration grace = configured(context, HANDLE_GRACE_KEY).orElse(DEFAULT_HANDLE_GRACE);
        boolean interrupt = !context.getConfigurationParameter(INTERRUPT_KEY).map(String::trim)
                .map(v -> {
                    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                        throw new ExtensionConfigurationException("configuration parameter '" + INTERRUPT_KEY
                                + "' must be true or false, was '" + v + "'");
                    }
                    return v;
                })
                .filter("false"::equalsIgnoreCase).isPresent();
        return new Settings(appFactory, identity, sharedScope, start, stop, grace, interrupt);
    }

    private static boolean sessionStacks(ExtensionContext context) {
        return context.getConfigurationParameter(SESSION_STACKS_KEY).map(String::trim).map(v -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new ExtensionConfigurationException("configuration parameter '" + SESSION_STACKS_KEY
                        + "' must be true or false, was '" + v + "'");
            }
            return v.equalsIgnoreCase("true");
        }).orElse(false);
    }

    private static Optional<Duration> configured(ExtensionContext context, String key) {
        return context.getConfigurationParameter(key)
                .filter(value -> !value.isBlank())
                .map(value -> DurationText.parse(value, "configuration parameter '" + key + "'"));
    }

    private static RunstopTest findRunstopTest(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<RunstopTest> found = AnnotationSupport.findAnnotation(c, RunstopTest.class);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new ExtensionConfigurationException("RunstopExtension on " + testClass.getName() + " does not know which app"
                + " to run: annotate the class with @RunstopTest(factory = ...) or @RunstopTest(factoryMethod = ...),"
                + " or register RunstopExtension.forApp(...) with @RegisterExtension");
    }

    /** @return what makes two classes' apps the same shared app: the factory class, or the factory method */
    private static Object identityOf(RunstopTest annotation, Class<?> testClass) {
        if (annotation.factory() != AppFactory.class) {
            return annotation.factory();
        }
        return ReflectionSupport.findMethod(testClass, annotation.factoryMethod()).map(Object.class::cast).orElse(testClass);
    }

    private static AppFactory factoryOf(RunstopTest annotation, Class<?> testClass) {
        boolean hasClass = annotation.factory() != AppFactory.class;
        boolean hasMethod = !annotation.factoryMethod().isBlank();
        if (hasClass == hasMethod) {
            throw new ExtensionConfigurationException("@RunstopTest on " + testClass.getName() + " must name exactly one of"
                    + " factory (a class implementing AppFactory) and factoryMethod (a static no-arg method returning Group); "
                    + (hasClass ? "it names both" : "it names neither"));
        }
        if (hasClass) {
            Class<? extends AppFactory> type = annotation.factory();
            return () -> {
                AppFactory instance;
                try {
                    instance = ReflectionSupport.newInstance(type);
                } catch (RuntimeException e) {
                    throw new ExtensionConfigurationException("@RunstopTest(factory = " + type.getName() + ") on "
                            + testClass.getName() + ": cannot create the factory (it needs a no-arg constructor): " + e, e);
                }
                return instance.create();
            };
        }
        String name = annotation.factoryMethod();
        Method method = ReflectionSupport.findMethod(testClass, name).orElseThrow(() -> new ExtensionConfigurationException(
                "@RunstopTest(factoryMethod = \"" + name + "\") on " + testClass.getName()
                        + ": the class has no no-arg method named '" + name + "'"));
        if (!Modifier.isStatic(method.getModifiers()) || !Group.class.isAssignableFrom(method.getReturnType())) {
            throw new ExtensionConfigurationException("@RunstopTest(factoryMethod = \"" + name + "\") on "
                    + testClass.getName() + ": " + method + " must be static and return " + Group.class.getName());
        }
        return () -> (Group) ReflectionSupport.invokeMethod(method, null);
    }

    private static Group build(AppFactory factory, Class<?> testClass, boolean leakOrigins) {
        Group group;
        try {
            group = Group.fromFactory(factory::create, leakOrigins); // threads the factory starts are checked for leaks too
        } catch (Exception e) {
            throw RunstopExtension.<RuntimeException>sneaky(e);
        }
        if (group == null) {
            throw new ExtensionConfigurationException("the app factory of " + testClass.getName() + " returned null;"
                    + " it must return a new, unstarted Group");
        }
        return group;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }

    private static Duration positive(Duration d, String what) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
        return d;
    }

    private static String describe(ParameterContext parameterContext) {
        Executable executable = parameterContext.getDeclaringExecutable();
        String annotation = parameterContext.findAnnotation(Port.class).map(p -> "@Port(\"" + p.value() + "\") ")
                .or(() -> parameterContext.findAnnotation(Handle.class)
                        .map(h -> h.value().isEmpty() ? "@Handle " : "@Handle(\"" + h.value() + "\") "))
                .orElse("");
        return annotation + "parameter " + parameterContext.getIndex() + " (" + parameterContext.getParameter().getType().getSimpleName()
                + ") of " + executable.getDeclaringClass().getSimpleName()
                + (executable instanceof java.lang.reflect.Constructor ? " constructor" : "." + executable.getName() + "()");
    }
}
