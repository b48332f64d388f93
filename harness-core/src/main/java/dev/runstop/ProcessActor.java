package dev.runstop;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child process as an actor, made by {@link Actors#process(ProcessBuilder)}: {@code run} starts the
 * process and waits for it; {@code stop} ends it and its whole process tree within the actor's stop
 * deadline.
 *
 * <ul>
 *   <li><b>Readiness</b>: when a line of its output matches a pattern ({@link Builder#readyOnLine}), when
 *       a TCP port accepts connections ({@link Builder#readyOnPort}), when a callback returns
 *       ({@link Builder#readyWhen}), or at once when none is set. A named group of the pattern, such as
 *       {@code (?<port>\d+)}, publishes the number it matched as a port handle.</li>
 *   <li><b>Output</b>: stdout and stderr (when piped, the default) are read line by line on threads of the
 *       actor; the last lines are kept ({@link Builder#tail}) and can be forwarded to a
 *       {@link System.Logger}. Every error message ends with that tail.</li>
 *   <li><b>Exit</b>: exit code 0 is a normal return (and ends the group, as any actor that returns).
 *       A non-zero code, or any exit before the process was ready, fails with a
 *       {@link ProcessExitException}. Once stop was delivered, the exit is a normal return whatever its
 *       code: the process was told to go.</li>
 *   <li><b>Stop</b>: SIGTERM to the process and all its descendants; if the tree is not gone after the
 *       grace period, SIGKILL to all of it. The grace period is half of the actor's stop deadline
 *       ({@link ActorContext#stopDeadline()}) unless set with {@link Builder#killAfter}; the other half is
 *       for the kill to land, the output to drain and {@code run} to return, so the actor never becomes a
 *       straggler. The escalation taken is in {@link #outcome()} and in the stop report's row.</li>
 *   <li><b>JVM exit</b>: one shared shutdown hook sends SIGTERM, then after a second SIGKILL, to every live
 *       process started this way, so a normal exit, {@code System.exit}, SIGTERM or SIGINT of the JVM
 *       leaves no child. A SIGKILL of the JVM (or a crash) runs no Java code at all: then the children
 *       live on. Run the JVM under something that reaps its children (a container's init, a CI job's
 *       process group, {@code setsid} plus a cleanup at the next start), or make the child watch its
 *       parent (for example {@code prctl(PR_SET_PDEATHSIG)} or a wrapper that exits when its stdin closes).</li>
 *   <li><b>Threads</b>: the output pumps and the readiness check run on threads of
 *       {@link ActorContext#threadFactory()} and have ended when {@code run} returns. They outlive it only
 *       if a descendant that escaped the process tree still holds the output open.</li>
 * </ul>
 * An actor made here runs once; a second {@code run} returns at once.
 */
public final class ProcessActor implements Actor {
    private static final String NL = System.lineSeparator();
    /** Named groups of a pattern: {@code (?<name>}, not preceded by a backslash. */
    private static final Pattern NAMED_GROUP = Pattern.compile("(?<!\\\\)\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    /**
     * Readiness decided by the caller: called once on a thread of the actor after the process started;
     * the actor is ready when it returns.
     */
    @FunctionalInterface
    public interface ReadyCheck {
        /**
         * Blocks until the process is ready.
         *
         * @param process the started process
         * @param ctx the actor's context, to publish ports and handles
         * @throws InterruptedException when the actor is stopped or the process ended meanwhile (the
         *     thread is interrupted then)
         * @throws Exception if the process will never be ready: the actor fails with it
         */
        void awaitReady(Process process, ActorContext ctx) throws Exception;
    }

    /** Where the actor is. */
    private enum Phase {
        /** {@code run} not called yet. */
        NEW,
        /** {@code run} has started the process (or is starting it). */
        RUNNING,
        /** {@code run} returned, or stop came before it. */
        ENDED
    }

    private final ProcessBuilder builder;
    private final List<String> command;
    private final String addedAt;
    private final Pattern readyLine;
    private final Map<String, String> portGroups;
    private final ReadyCheck readyCheck;
    private final String readiness;
    private final Map<String, Integer> fixedPorts;
    private final int tailLines;
    private final System.Logger logger;
    private final System.Logger.Level logLevel;
    private final Duration killAfter;

    private final Object monitor = new Object();
    /** Guarded by {@link #monitor}. */
    private Phase phase = Phase.NEW;
    /** Guarded by {@link #monitor}: nanoTime when stop was delivered; 0 if it was not. */
    private long stopAskedAt;
    /** Guarded by {@link #monitor}: why readiness can never come. */
    private Throwable readyFailure;
    private final AtomicBoolean readySeen = new AtomicBoolean();
    private volatile long pid = -1;
    private volatile ProcessOutcome outcome;
    private volatile OutputTail output;

    private ProcessActor(Builder b) {
        this.builder = copy(b.builder);
        this.command = List.copyOf(b.builder.command());
        this.addedAt = b.addedAt;
        this.readyLine = b.readyLine;
        this.portGroups = Map.copyOf(b.portGroups);
        this.readyCheck = b.readyCheck;
        this.readiness = b.readiness;
        this.fixedPorts = Map.copyOf(b.fixedPorts);
        this.tailLines = b.tailLines;
        this.logger = b.logger;
        this.logLevel = b.logLevel;
        this.killAfter = b.killAfter;
    }

    /** @return the pid of the process once started; empty before */
    public Optional<Long> pid() {
        long p = pid;
        return p < 0 ? Optional.empty() : Optional.of(p);
    }

    /** @return how the process ended and what stopping it took; empty until {@code run} returned */
    public Optional<ProcessOutcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    /**
     * @return the last lines of output kept so far ({@link Builder#tail}), oldest first; prefixed with
     *     {@code out| } or {@code err| } when both streams are read; empty before the process started
     */
    public List<String> output() {
        OutputTail t = output;
        return t == null ? List.of() : t.lines();
    }

    /** @return the command line */
    public List<String> command() {
        return command;
    }

    @Override
    public boolean signalsReady() {
        return true;
    }

    @Override
    public void stop(Throwable cause) {
        synchronized (monitor) {
            if (phase == Phase.NEW) {
                phase = Phase.ENDED;
            } else if (stopAskedAt == 0) {
                stopAskedAt = System.nanoTime();
            }
            monitor.notifyAll();
        }
    }

    @Override
    public void run(ActorContext ctx) throws Exception {
        synchronized (monitor) {
            if (phase != Phase.NEW) {
                return;
            }
            phase = Phase.RUNNING;
        }
        try {
            runProcess(ctx);
        } finally {
            synchronized (monitor) {
                phase = Phase.ENDED;
            }
        }
    }

    private void runProcess(ActorContext ctx) throws Exception {
        Duration deadline = ctx.stopDeadline();
        Duration grace = killAfter != null ? killAfter : deadline.dividedBy(2);
        if (grace.compareTo(deadline) >= 0) {
            throw new IllegalArgumentException(where(ctx) + ": killAfter(" + Durations.format(grace)
                    + ") must be shorter than the actor's stop deadline of " + Durations.format(deadline)
                    + ", or SIGKILL comes too late to stop it in time (added at " + addedAt + ")");
        }
        ProcessLeakCheck.Window window = ctx instanceof ActorCell ? ((ActorCell) ctx).runtime.processes : null;
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException(where(ctx) + " could not start its process: " + e.getMessage() + "; added at " + addedAt
                    + "; the command: " + shellLine(), e);
        }
        ProcessHandle root = process.toHandle();
        pid = process.pid();
        ChildProcesses.register(new ChildProcesses.Entry(root, shellLine(), window, ctx.name()));
        if (window != null) {
            window.started(ctx.name(), root);
        }
        OutputTail tail = new OutputTail(tailLines);
        output = tail;
        List<Thread> helpers = new ArrayList<>();
        boolean both = !builder.redirectErrorStream() && builder.redirectError() == ProcessBuilder.Redirect.PIPE
                && builder.redirectOutput() == ProcessBuilder.Redirect.PIPE;
        if (builder.redirectOutput() == ProcessBuilder.Redirect.PIPE) {
            helpers.add(pump(ctx, process.getInputStream(), both ? "out| " : "", tail, "stdout"));
        }
        if (!builder.redirectErrorStream() && builder.redirectError() == ProcessBuilder.Redirect.PIPE) {
            helpers.add(pump(ctx, process.getErrorStream(), both ? "err| " : "", tail, "stderr"));
        }
        Thread checker = null;
        if (readyCheck != null) {
            checker = ctx.threadFactory().newThread(() -> check(ctx, process));
            helpers.add(checker);
        }
        process.onExit().thenRun(this::wake);
        helpers.forEach(Thread::start);
        if (readyLine == null && readyCheck == null) {
            becomeReady(ctx, Map.of());
        }

        long stopAt;
        Throwable failure;
        boolean interrupted = false;
        synchronized (monitor) {
            while (stopAskedAt == 0 && readyFailure == null && process.isAlive()) {
                try {
                    monitor.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // treated as a stop: the thread's owner wants it to end
                    stopAskedAt = System.nanoTime();
                }
            }
            stopAt = stopAskedAt;
            failure = readyFailure;
        }
        if (checker != null) {
            checker.interrupt();
        }
        ProcessOutcome result;
        long joinUntil;
        if (stopAt != 0 || failure != null) {
            long from = stopAt != 0 ? stopAt : System.nanoTime();
            result = stopTree(process, root, window, ctx.name(), from, grace, deadline);
            joinUntil = from + deadline.toNanos() * 19 / 20;
        } else {
            result = new ProcessOutcome(pid, shellLine(), process.exitValue(), ProcessOutcome.Escalation.NONE, null, null);
            ChildProcesses.unregister(root);
            joinUntil = System.nanoTime() + Math.min(deadline.toNanos(), Duration.ofSeconds(2).toNanos());
        }
        outcome = result;
        if (window != null) {
            window.outcome(ctx.name(), result);
        }
        interrupted |= join(helpers, joinUntil);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (stopAt != 0) {
            return; // told to go: whatever the exit code, a normal return
        }
        if (failure != null) {
            throw new IllegalStateException(where(ctx) + " failed before it was ready: " + readiness + " failed with " + failure
                    + "; its process (pid " + pid + ") was stopped: " + result + "; added at " + addedAt
                    + "; to reproduce: " + shellLine() + NL + tail.render(), failure);
        }
        int code = process.exitValue();
        boolean ready = readyLine == null && readyCheck == null || readySeen.get();
        if (code != 0 || !ready) {
            String phaseText = ready ? "while running" : "before it was ready (" + readiness + ")";
            throw new ProcessExitException(where(ctx) + " failed " + phaseText + ": process " + pid + " exited with "
                    + ProcessOutcome.describeExit(code) + "; added at " + addedAt + "; to reproduce: " + shellLine()
                    + NL + tail.render(), ctx.name(), pid, code, command, tail.lines());
        }
    }

    /** SIGTERM to the tree, SIGKILL after the grace, then waits (bounded) for the tree to be gone. */
    private ProcessOutcome stopTree(Process process, ProcessHandle root, ProcessLeakCheck.Window window, String actor,
            long stopAt, Duration grace, Duration deadline) {
        List<ProcessHandle> tree = ProcessTree.snapshot(root);
        long termAt = System.nanoTime();
        ProcessTree.terminate(tree);
        ProcessOutcome.Escalation escalation = ProcessOutcome.Escalation.SIGTERM;
        Duration killedAfter = null;
        if (!ProcessTree.awaitGone(tree, termAt + grace.toNanos())) {
            if (root.isAlive()) {
                tree = ProcessTree.union(tree, ProcessTree.snapshot(root));
            }
            long killAt = System.nanoTime();
            ProcessTree.kill(tree);
            escalation = ProcessOutcome.Escalation.SIGKILL;
            killedAfter = Duration.ofNanos(killAt - termAt);
            ProcessTree.awaitGone(tree, stopAt + deadline.toNanos() * 9 / 10);
        }
        List<ProcessHandle> survivors = ProcessTree.alive(tree);
        Duration took = survivors.isEmpty() ? Duration.ofNanos(System.nanoTime() - termAt) : null;
        for (ProcessHandle h : tree) {
            if (survivors.contains(h)) {
                ChildProcesses.register(new ChildProcesses.Entry(h, h == root ? shellLine() : ProcessTree.commandOf(h), window, actor));
                if (window != null) {
                    window.started(actor, h);
                }
            } else {
                ChildProcesses.unregister(h);
            }
        }
        Integer code = null;
        if (ProcessTree.alive(List.of(root)).isEmpty()) {
            try { // the JDK's reaper thread collects the exit status a moment after the process is gone
                if (process.waitFor(Math.max(1, stopAt + deadline.toNanos() * 9 / 10 - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS)) {
                    code = process.exitValue();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new ProcessOutcome(pid, shellLine(), code, escalation, killedAfter, took);
    }

    private Thread pump(ActorContext ctx, InputStream stream, String prefix, OutputTail tail, String streamName) {
        Consumer<String> onLine = line -> onLine(ctx, line, streamName);
        Thread t = ctx.threadFactory().newThread(() -> OutputTail.pump(stream, Charset.defaultCharset(), prefix, tail, onLine));
        return t;
    }

    private void onLine(ActorContext ctx, String line, String streamName) {
        if (logger != null && logger.isLoggable(logLevel)) {
            logger.log(logLevel, ctx.name() + "[" + pid + "] " + streamName + ": " + line);
        }
        if (readyLine == null || readySeen.get()) {
            return;
        }
        Matcher m = readyLine.matcher(line);
        if (!m.find()) {
            return;
        }
        try {
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (Map.Entry<String, String> g : portGroups.entrySet()) {
                String text = m.group(g.getKey());
                if (text == null) {
                    throw new IllegalStateException("the group '" + g.getKey() + "' of " + readiness + " matched nothing in the line: " + line);
                }
                int port;
                try {
                    port = Integer.parseInt(text);
                } catch (NumberFormatException e) {
                    throw new IllegalStateException("the group '" + g.getKey() + "' of " + readiness + " matched '" + text
                            + "', not a port number, in the line: " + line);
                }
                if (port < 1 || port > 65535) {
                    throw new IllegalStateException("the group '" + g.getKey() + "' of " + readiness + " matched " + port
                            + ", not a port from 1 to 65535, in the line: " + line);
                }
                ports.put(g.getValue(), port);
            }
            becomeReady(ctx, ports);
        } catch (RuntimeException e) {
            failReadiness(e);
        }
    }

    private void becomeReady(ActorContext ctx, Map<String, Integer> ports) {
        if (!readySeen.compareAndSet(false, true)) {
            return;
        }
        ports.forEach(ctx::publishPort);
        fixedPorts.forEach(ctx::publishPort);
        ctx.ready();
    }

    private void check(ActorContext ctx, Process process) {
        try {
            readyCheck.awaitReady(process, ctx);
            becomeReady(ctx, Map.of());
        } catch (Throwable e) {
            boolean expected;
            synchronized (monitor) {
                expected = stopAskedAt != 0 || !process.isAlive();
            }
            if (!expected) {
                failReadiness(e);
            }
        }
    }

    private void failReadiness(Throwable e) {
        synchronized (monitor) {
            if (readyFailure == null) {
                readyFailure = e;
            }
            monitor.notifyAll();
        }
    }

    private void wake() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /** @return true if interrupted while joining */
    private static boolean join(List<Thread> threads, long untilNanos) {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (t.isAlive()) {
                long left = untilNanos - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    t.join(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        return interrupted;
    }

    private static String where(ActorContext ctx) {
        return "actor '" + ctx.name() + "' of group '" + ctx.groupName() + "'";
    }

    /** @return the command as a line a shell runs as it was, prefixed with a {@code cd} when a directory is set */
    String shellLine() {
        StringBuilder out = new StringBuilder();
        if (builder.directory() != null) {
            out.append("cd ").append(quote(builder.directory().getPath())).append(" && ");
        }
        for (int i = 0; i < command.size(); i++) {
            out.append(i == 0 ? "" : " ").append(quote(command.get(i)));
        }
        return out.toString();
    }

    private static String quote(String arg) {
        if (!arg.isEmpty() && arg.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    private static ProcessBuilder copy(ProcessBuilder pb) {
        ProcessBuilder copy = new ProcessBuilder(new ArrayList<>(pb.command()))
                .directory(pb.directory())
                .redirectInput(pb.redirectInput())
                .redirectOutput(pb.redirectOutput())
                .redirectError(pb.redirectError())
                .redirectErrorStream(pb.redirectErrorStream());
        copy.environment().clear();
        copy.environment().putAll(pb.environment());
        return copy;
    }

    @Override
    public String toString() {
        return "Actors.process(" + shellLine() + ")";
    }

    /**
     * How a {@link ProcessActor} starts, becomes ready, reports and stops. Made by
     * {@link Actors#process(ProcessBuilder)}; not thread-safe; {@link #build()} copies everything,
     * the process builder included, so changing either afterwards does not change the actor.
     */
    public static final class Builder {
        private final ProcessBuilder builder;
        private final String addedAt;
        private Pattern readyLine;
        private final Map<String, String> portGroups = new LinkedHashMap<>();
        private ReadyCheck readyCheck;
        private String readiness;
        private final Map<String, Integer> fixedPorts = new LinkedHashMap<>();
        private int tailLines = 40;
        private System.Logger logger;
        private System.Logger.Level logLevel;
        private Duration killAfter;

        Builder(ProcessBuilder builder, String addedAt) {
            if (builder == null) {
                throw new IllegalArgumentException("process builder must not be null");
            }
            if (builder.command().isEmpty()) {
                throw new IllegalArgumentException("process builder has no command");
            }
            this.builder = builder;
            this.addedAt = addedAt;
        }

        /**
         * Ready when a line of stdout or stderr matches ({@link Matcher#find()}) the pattern. Each named
         * group of the pattern, such as {@code (?<port>\d+)}, is a port: the number it matched is published
         * with {@link ActorContext#publishPort} under the group's name (or the name given with
         * {@link #portHandle}) just before the actor is ready.
         *
         * @param regex a {@link Pattern}
         * @return this builder
         * @throws IllegalArgumentException if the regex is null or invalid
         * @throws IllegalStateException if a readiness is already set
         */
        public Builder readyOnLine(String regex) {
            if (regex == null) {
                throw new IllegalArgumentException("readiness pattern must not be null");
            }
            try {
                return readyOnLine(Pattern.compile(regex));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException("readiness pattern is not a valid regex: " + e.getMessage(), e);
            }
        }

        /**
         * As {@link #readyOnLine(String)}.
         *
         * @param pattern the pattern
         * @return this builder
         * @throws IllegalArgumentException if the pattern is null
         * @throws IllegalStateException if a readiness is already set
         */
        public Builder readyOnLine(Pattern pattern) {
            if (pattern == null) {
                throw new IllegalArgumentException("readiness pattern must not be null");
            }
            setReadiness("a line matching /" + pattern.pattern() + "/");
            readyLine = pattern;
            Matcher m = NAMED_GROUP.matcher(pattern.pattern());
            while (m.find()) {
                portGroups.put(m.group(1), m.group(1));
            }
            return this;
        }

        /**
         * Publishes the port a named group of the {@link #readyOnLine} pattern matched under another handle
         * name, for example {@code portHandle("port", "redis")}.
         *
         * @param group a named group of the pattern
         * @param handle the handle name, not blank
         * @return this builder
         * @throws IllegalArgumentException if the pattern has no such group or the name is blank
         * @throws IllegalStateException if no readiness pattern is set yet
         */
        public Builder portHandle(String group, String handle) {
            if (readyLine == null) {
                throw new IllegalStateException("set readyOnLine(...) with a named group before portHandle(...)");
            }
            if (group == null || !portGroups.containsKey(group)) {
                throw new IllegalArgumentException("the readiness pattern /" + readyLine.pattern() + "/ has no named group '"
                        + group + "'; its named groups: " + portGroups.keySet());
            }
            if (handle == null || handle.isBlank()) {
                throw new IllegalArgumentException("handle name for group '" + group + "' must not be blank");
            }
            portGroups.put(group, handle);
            return this;
        }

        /**
         * Ready when {@code localhost:port} accepts a TCP connection (tried with a growing pause, up to
         * 200 ms between tries).
         *
         * @param port 1 to 65535
         * @return this builder
         * @throws IllegalArgumentException if the port is out of range
         * @throws IllegalStateException if a readiness is already set
         */
        public Builder readyOnPort(int port) {
            return readyOnPort("localhost", port);
        }

        /**
         * Ready when {@code host:port} accepts a TCP connection.
         *
         * @param host the host to connect to
         * @param port 1 to 65535
         * @return this builder
         * @throws IllegalArgumentException if the host is blank or the port out of range
         * @throws IllegalStateException if a readiness is already set
         */
        public Builder readyOnPort(String host, int port) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("ready port must be 1 to 65535, was " + port);
            }
            setReadiness("port " + host + ":" + port + " accepting");
            readyCheck = (process, ctx) -> awaitPort(process, host, port);
            return this;
        }

        /**
         * Ready when the check returns; it runs once, on a thread of the actor, and is interrupted if the
         * actor is stopped or the process ends first.
         *
         * @param check the readiness check
         * @return this builder
         * @throws IllegalArgumentException if the check is null
         * @throws IllegalStateException if a readiness is already set
         */
        public Builder readyWhen(ReadyCheck check) {
            if (check == null) {
                throw new IllegalArgumentException("ready check must not be null");
            }
            setReadiness("the ready check " + check);
            readyCheck = check;
            return this;
        }

        /**
         * Publishes a port known in advance (one passed on the command line) as a handle when the actor
         * becomes ready.
         *
         * @param handle the handle name, not blank
         * @param port 1 to 65535
         * @return this builder
         * @throws IllegalArgumentException if the name is blank or the port out of range
         */
        public Builder publishPort(String handle, int port) {
            if (handle == null || handle.isBlank()) {
                throw new IllegalArgumentException("handle name must not be blank");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port '" + handle + "' must be 1 to 65535, was " + port);
            }
            fixedPorts.put(handle, port);
            return this;
        }

        /**
         * How many of the last output lines to keep for error messages (default 40).
         *
         * @param lines 0 or more
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder tail(int lines) {
            if (lines < 0) {
                throw new IllegalArgumentException("tail lines must be 0 or more, was " + lines);
            }
            tailLines = lines;
            return this;
        }

        /**
         * Forwards each output line to a logger, as {@code <actor>[<pid>] stdout: <line>}.
         *
         * @param logger the logger
         * @param level the level of every line
         * @return this builder
         * @throws IllegalArgumentException if an argument is null
         */
        public Builder logTo(System.Logger logger, System.Logger.Level level) {
            if (logger == null || level == null) {
                throw new IllegalArgumentException((logger == null ? "logger" : "level") + " must not be null");
            }
            this.logger = logger;
            this.logLevel = level;
            return this;
        }

        /**
         * The grace period between SIGTERM and SIGKILL. Default: half of the actor's stop deadline. It must
         * be shorter than the deadline, which is checked when the actor runs (the deadline is the group's).
         *
         * @param grace positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder killAfter(Duration grace) {
            Durations.requirePositive(grace, "killAfter");
            killAfter = grace;
            return this;
        }

        /**
         * @return the actor
         * @throws IllegalStateException if the readiness reads output that is not piped
         */
        public ProcessActor build() {
            if (readyLine != null && builder.redirectOutput() != ProcessBuilder.Redirect.PIPE
                    && (builder.redirectErrorStream() || builder.redirectError() != ProcessBuilder.Redirect.PIPE)) {
                throw new IllegalStateException("readiness by " + readiness + " reads the output, but neither stdout nor stderr "
                        + "of " + builder.command() + " is piped (the ProcessBuilder redirects them)");
            }
            return new ProcessActor(this);
        }

        private void setReadiness(String what) {
            if (readiness != null) {
                throw new IllegalStateException("readiness is already " + readiness + "; set one of readyOnLine, readyOnPort, readyWhen");
            }
            readiness = what;
        }

        private static void awaitPort(Process process, String host, int port) throws Exception {
            long pause = 5;
            while (true) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(host, port), 1000);
                    return;
                } catch (IOException notYet) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("process ended before port " + host + ":" + port + " accepted");
                    }
                    Thread.sleep(pause);
                    pause = Math.min(pause * 2, 200);
                }
            }
        }
    }
}
