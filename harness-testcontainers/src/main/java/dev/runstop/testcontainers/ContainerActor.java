package dev.runstop.testcontainers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.WaitResponse;
import dev.runstop.Actor;
import dev.runstop.ActorContext;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.RemoteDockerImage;

/**
 * A Testcontainers container as an {@link Actor} of a group: {@code run} starts the container, reports
 * ready once its wait strategy passed, and blocks until stop is delivered or the container exits;
 * {@code stop} makes {@code run} stop the container and return. The container thus starts, becomes ready,
 * is watched and is stopped under the same rules, deadlines and report as the app's own actors.
 *
 * <pre>{@code
 * GenericContainer<?> feed = new GenericContainer<>(DockerImageName.parse("busybox:1.37"))
 *         .withExposedPorts(7000)
 *         .withCommand("nc", "-ll", "-p", "7000", "-e", "sh", "-c", "echo coin; echo push");
 * group.add("feed-container", ContainerActor.of(feed).publishPort("feed", 7000));
 * // other actors: int port = ctx.handles().awaitPort("feed", timeout);
 * //               String host = ctx.handles().get("feed.host", String.class);
 * }</pre>
 *
 * <ul>
 *   <li><b>Handles.</b> For each {@link #publishPort publishPort(name, containerPort)}, once the
 *       container is ready, the String handle {@code <name>.host} (the host to connect to) and then the
 *       port handle {@code <name>} (the mapped host port) are published. Actors that need the container
 *       wait for the port handle: no start order is needed.</li>
 *   <li><b>Exit.</b> If the container exits by itself while the group runs, {@code run} ends: with a
 *       {@link ContainerExitedException} (exit code and last log lines) for a non-zero exit code, which
 *       fails the group; normally for exit code 0. The exit is seen at once, without polling: a Docker
 *       {@code wait} request runs on a thread the actor thread starts, so the group's leak check
 *       attributes it to this actor; it ends when the container stops.</li>
 *   <li><b>Start failure.</b> If the container fails to start or its wait strategy fails, {@code run}
 *       throws a {@link ContainerStartException} with the container's last log lines, which fails the
 *       group's start. An image that is not on the Docker host is pulled once before the container is
 *       created; if that pull fails (no registry reachable, no such image), the start fails at once,
 *       naming the image and the Docker engine's reason, and no container is created.</li>
 *   <li><b>Stop.</b> By default the container is killed and removed ({@link GenericContainer#stop()},
 *       about 0.1 to 0.2 s); with {@link #stopTimeout(Duration)} it first gets SIGTERM and that long to
 *       exit. A stop before {@code run} means the container is never started; a stop during start
 *       interrupts the start, and the container is removed before {@code run} returns. Stop is safe at
 *       any time and any number of times.</li>
 * </ul>
 *
 * <p>{@link GenericContainer#start()} runs on a thread of Testcontainers' thread group, not the actor's:
 * Testcontainers keeps shared thread pools (for wait strategies) that it creates on first use and that
 * outlive any one group; they are not the app's threads and must not count as leaked by this actor.
 *
 * <p>{@link #of} adds a log consumer to the container, to keep its last {@value #LOG_LINES} lines for
 * error messages. One actor runs its container once: build a new actor for each group.
 */
public final class ContainerActor implements Actor {
    /** How many of the container's last log lines errors show. */
    public static final int LOG_LINES = 20;

    private static final System.Logger LOG = System.getLogger(ContainerActor.class.getName());
    private static final Duration LOG_END_WAIT = Duration.ofSeconds(2);
    private static final Pattern EXIT_CODE = Pattern.compile(
            "status=exited\\b.*?\\bexitCode=(-?\\d+)|[Ee]xited with code (-?\\d+)", Pattern.DOTALL);
    private static final Pattern IMAGE_IN_MESSAGE = Pattern.compile("for image (\\S+)");
    private static final Pattern IMAGE_IN_DESCRIPTION = Pattern.compile("imageName=([^,)<\\s][^,)\\s]*)");
    private static final int MAX_REASON = 300;
    private static final int MAX_REWATCH = 100;

    private final GenericContainer<?> container;
    private final LogTail tail = new LogTail(LOG_LINES);
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private Duration stopTimeout;

    private final Object lock = new Object();
    private boolean runEntered;
    private boolean stopAsked;
    private Thread starter;
    private final CompletableFuture<Void> stopRequested = new CompletableFuture<>();

    private ContainerActor(GenericContainer<?> container) {
        this.container = container;
        container.withLogConsumer(tail);
    }

    /**
     * Makes a container an actor. The container must not be started yet; the actor starts and stops it.
     *
     * @param container a configured, unstarted container (any {@link GenericContainer}, including the
     *     database and broker modules)
     * @return the actor; add handles with {@link #publishPort}
     * @throws IllegalArgumentException if the container is null or already running
     */
    public static ContainerActor of(GenericContainer<?> container) {
        if (container == null) {
            throw new IllegalArgumentException("container must not be null");
        }
        if (container.getContainerId() != null) {
            throw new IllegalArgumentException("container " + container.getContainerId() + " is already started;"
                    + " pass an unstarted container: the actor starts it when its group starts");
        }
        return new ContainerActor(container);
    }

    /**
     * Publishes where a container port can be reached from the test's JVM, once the container is ready:
     * String handle {@code <name>.host} ({@link GenericContainer#getHost()}), then port handle
     * {@code <name>} (the mapped host port).
     *
     * @param name the port handle's name, such as {@code "feed"}; unique in the group with its
     *     {@code .host} companion
     * @param containerPort a port the container exposes ({@link GenericContainer#withExposedPorts})
     * @return this
     * @throws IllegalArgumentException if the name is blank or already used by this actor, or the
     *     container does not expose the port
     * @throws IllegalStateException if the actor has already run
     */
    public ContainerActor publishPort(String name, int containerPort) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("port handle name must not be " + (name == null ? "null" : "blank"));
        }
        List<Integer> exposed = container.getExposedPorts();
        if (!exposed.contains(containerPort)) {
            throw new IllegalArgumentException("publishPort(\"" + name + "\", " + containerPort + "): the container does not"
                    + " expose port " + containerPort + " (it exposes " + exposed + "); call withExposedPorts("
                    + containerPort + ") on it first");
        }
        synchronized (lock) {
            checkNotRun("publish a port");
            if (ports.containsKey(name)) {
                throw new IllegalArgumentException("publishPort(\"" + name + "\", " + containerPort + "): this actor already"
                        + " publishes '" + name + "' (container port " + ports.get(name) + ")");
            }
            ports.put(name, containerPort);
        }
        return this;
    }

    /**
     * Stops the container gracefully: SIGTERM, then SIGKILL after {@code timeout} ({@code docker stop});
     * then removes it. Without this, the container is killed at once, as Testcontainers does. Note that
     * a container whose main process ignores SIGTERM (a shell or {@code nc} as PID 1) then always takes
     * the whole timeout to stop; keep the timeout well under the actor's stop deadline.
     *
     * @param timeout at least 1 second; Docker counts it in whole seconds (rounded up)
     * @return this
     * @throws IllegalArgumentException if the timeout is null or shorter than 1 second
     * @throws IllegalStateException if the actor has already run
     */
    public ContainerActor stopTimeout(Duration timeout) {
        if (timeout == null || timeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("container stop timeout must be at least 1s, was " + timeout);
        }
        synchronized (lock) {
            checkNotRun("set the stop timeout");
            this.stopTimeout = timeout;
        }
        return this;
    }

    /** @return true: the actor is ready once the container's wait strategy has passed */
    @Override
    public boolean signalsReady() {
        return true;
    }

    /**
     * Starts the container, publishes its handles, reports ready and blocks until stop is delivered or
     * the container exits; then stops and removes the container.
     *
     * @throws ContainerStartException if the container fails to start or to become ready
     * @throws ContainerExitedException if the container exits by itself with a non-zero code
     * @throws IllegalStateException if this actor has run before
     */
    @Override
    public void run(ActorContext ctx) throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        synchronized (lock) {
            if (runEntered) {
                throw new IllegalStateException("actor '" + ctx.name() + "': a ContainerActor runs once; make a new one"
                        + " for each group");
            }
            runEntered = true;
            if (stopAsked) {
                return;
            }
            tail.reset();
            starter = new Thread(DockerClientFactory.TESTCONTAINERS_THREAD_GROUP, () -> {
                try {
                    ensureImage();
                    container.start();
                    started.complete(null);
                } catch (Throwable e) {
                    started.completeExceptionally(e);
                }
            }, "testcontainers-start " + ctx.groupName() + "/" + ctx.name());
            starter.setDaemon(true);
            starter.start();
        }
        awaitEither(started, stopRequested);
        if (!started.isDone()) {
            abortStart(started);
            return;
        }
        synchronized (lock) {
            starter = null;
        }
        try {
            started.get();
        } catch (ExecutionException e) {
            if (isStopAsked()) {
                removeQuietly();
                return;
            }
            throw startFailed(ctx, e.getCause());
        }
        ExitWatch watch = null;
        try {
            String id = container.getContainerId();
            watch = new ExitWatch(id);
            for (Map.Entry<String, Integer> port : ports.entrySet()) {
                ctx.publish(port.getKey() + ".host", container.getHost());
                ctx.publishPort(port.getKey(), container.getMappedPort(port.getValue()));
            }
            ctx.ready();
            for (int rewatched = 0; ; rewatched++) {
                awaitEither(watch.exitCode, stopRequested);
                if (isStopAsked()) {
                    return;
                }
                Long code = watch.exitCode.getNow(null);
                if (code == null) {
                    code = exitCodeOrNullIfRunning(id);
                }
                if (code == null && rewatched < MAX_REWATCH) {
                    // The wait request ended without an exit code while the container runs: watch again.
                    watch.close();
                    watch = new ExitWatch(id);
                    continue;
                }
                if (code == null) {
                    throw new IllegalStateException("cannot watch container " + shortId(id) + " (" + image(null)
                            + "): Docker ended " + MAX_REWATCH + " wait requests without an exit code while it runs");
                }
                tail.awaitEnd(LOG_END_WAIT);
                List<String> lines = tail.lines();
                if (code != 0) {
                    throw new ContainerExitedException(ctx.name(), image(null), id, code, lines);
                }
                LOG.log(System.Logger.Level.INFO, "actor ''{0}'': container {1} exited with 0{2}", ctx.name(), image(null),
                        LogTail.describe(lines));
                return;
            }
        } finally {
            try {
                stopContainer();
            } finally {
                if (watch != null) {
                    watch.close();
                }
            }
        }
    }

    /**
     * Asks {@code run} to stop the container and return; returns at once. Before {@code run}, the
     * container is then never started; during start, the start is interrupted. Safe at any time, any
     * number of times.
     */
    @Override
    public void stop(Throwable cause) {
        Thread starting;
        synchronized (lock) {
            if (stopAsked) {
                return;
            }
            stopAsked = true;
            starting = starter;
        }
        stopRequested.complete(null);
        if (starting != null) {
            starting.interrupt();
        }
    }

    /**
     * Before Testcontainers resolves a remote image (with pull retries that can last minutes where no
     * registry is reachable), checks it is on the Docker host, pulling it once if not. Images built by
     * Testcontainers itself (from a Dockerfile) are left to it.
     */
    private void ensureImage() throws InterruptedException {
        Future<String> image = container.getImage();
        if (!(image instanceof RemoteDockerImage) || image.isDone()) {
            return;
        }
        Matcher described = IMAGE_IN_DESCRIPTION.matcher(String.valueOf(image));
        if (described.find()) {
            ImagePresence.ensure(container.getDockerClient(), described.group(1));
        }
    }

    /** Stop arrived while the container was starting: make the start fail fast, wait for it, clean up. */
    private void abortStart(CompletableFuture<Void> started) {
        String id = container.getContainerId();
        if (id != null) {
            try {
                // A killed container makes Testcontainers' wait strategies give up instead of waiting out their timeout.
                container.getDockerClient().killContainerCmd(id).exec();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "killing container {0} during its start failed: {1}", id, e);
            }
        }
        awaitUninterruptibly(started);
        synchronized (lock) {
            starter = null;
        }
        removeQuietly();
    }

    /** @return the container's exit code, or null if Docker says it still runs */
    private Long exitCodeOrNullIfRunning(String id) {
        InspectContainerResponse.ContainerState state;
        try {
            state = container.getDockerClient().inspectContainerCmd(id).exec().getState();
        } catch (RuntimeException e) {
            throw new IllegalStateException("lost contact with Docker while watching container " + shortId(id) + " ("
                    + image(null) + "): " + e, e);
        }
        if (Boolean.TRUE.equals(state.getRunning())) {
            return null;
        }
        Long code = state.getExitCodeLong();
        return code == null ? Long.valueOf(-1) : code;
    }

    /**
     * A Docker {@code wait} request on the container: completes {@link #exitCode} with the exit code when
     * the container stops, or with null if the request ends without one. docker-java runs it on a thread
     * it starts from the calling thread (the actor's), which ends when the container stops or on close.
     */
    private final class ExitWatch {
        final CompletableFuture<Long> exitCode = new CompletableFuture<>();
        private final Closeable request;

        ExitWatch(String id) {
            ResultCallback.Adapter<WaitResponse> callback = new ResultCallback.Adapter<>() {
                @Override
                public void onNext(WaitResponse response) {
                    Integer code = response.getStatusCode();
                    exitCode.complete(code == null ? null : code.longValue());
                }

                @Override
                public void onError(Throwable error) {
                    LOG.log(System.Logger.Level.DEBUG, "Docker wait request on container {0} ended: {1}", shortId(id), error);
                    exitCode.complete(null);
                    closeQuietly(this);
                }

                @Override
                public void onComplete() {
                    exitCode.complete(null);
                    super.onComplete();
                }
            };
            this.request = container.getDockerClient().waitContainerCmd(id).exec(callback);
        }

        void close() {
            closeQuietly(request);
        }
    }

    private void stopContainer() {
        String id = container.getContainerId();
        if (id == null) {
            return;
        }
        Duration timeout;
        synchronized (lock) {
            timeout = stopTimeout;
        }
        if (timeout != null) {
            try {
                int seconds = (int) Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000);
                container.getDockerClient().stopContainerCmd(id).withTimeout(seconds).exec();
            } catch (RuntimeException e) {
                // Already stopped (Docker answers 304) or gone: the kill and removal below settle it.
                LOG.log(System.Logger.Level.DEBUG, "docker stop of container {0} failed: {1}", id, e);
            }
        }
        container.stop();
    }

    private void removeQuietly() {
        try {
            container.stop();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "removing container {0} failed: {1}", image(null), e);
        }
    }

    private ContainerStartException startFailed(ActorContext ctx, Throwable error) {
        tail.awaitEnd(LOG_END_WAIT);
        return new ContainerStartException(ctx.name(), image(error), reason(error), tail.lines(), error);
    }

    /** @return one line saying why the start failed, without Testcontainers' generic wrappers */
    static String reason(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        for (Throwable t : chain) {
            if (t instanceof ImagePullException) {
                return t.getMessage();
            }
        }
        for (Throwable t : chain) {
            if (t.getMessage() != null) {
                Matcher m = EXIT_CODE.matcher(t.getMessage());
                if (m.find()) {
                    return "it exited with code " + (m.group(1) != null ? m.group(1) : m.group(2)) + " before it was ready";
                }
            }
        }
        Throwable deepest = error;
        for (Throwable t : chain) {
            String message = t.getMessage();
            if (message != null && !message.isBlank() && !isGenericWrapper(message)) {
                deepest = t;
            }
        }
        String text = deepest.getClass().getSimpleName() + ": " + deepest.getMessage();
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "...";
    }

    private static boolean isGenericWrapper(String message) {
        return message.startsWith("Container startup failed for image") || message.startsWith("Retry limit hit")
                || message.equals("Could not create/start container");
    }

    /** @return the image's name, found without pulling the image */
    private String image(Throwable startError) {
        Future<String> image = container.getImage();
        if (image.isDone()) {
            try {
                return image.get();
            } catch (ExecutionException | InterruptedException | RuntimeException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        // Testcontainers' image describes itself as RemoteDockerImage(imageName=busybox:1.37, ...) before it is resolved.
        Matcher described = IMAGE_IN_DESCRIPTION.matcher(String.valueOf(image));
        if (described.find()) {
            return described.group(1);
        }
        if (startError != null && startError.getMessage() != null) {
            Matcher m = IMAGE_IN_MESSAGE.matcher(startError.getMessage());
            if (m.find()) {
                return m.group(1);
            }
        }
        return "(image not resolved)";
    }

    static String shortId(String id) {
        return id == null ? "none" : id.length() > 12 ? id.substring(0, 12) : id;
    }

    private boolean isStopAsked() {
        synchronized (lock) {
            return stopAsked;
        }
    }

    private void checkNotRun(String what) {
        if (runEntered) {
            throw new IllegalStateException("cannot " + what + ": this ContainerActor has already run");
        }
    }

    private static void awaitEither(CompletableFuture<?> a, CompletableFuture<?> b) {
        awaitUninterruptibly(CompletableFuture.anyOf(a, b));
    }

    private static void awaitUninterruptibly(CompletableFuture<?> future) {
        boolean interrupted = false;
        while (true) {
            try {
                future.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing a Docker wait request failed: {0}", e.toString());
            }
        }
    }

    /** @return the container's image and the handles it publishes, such as {@code ContainerActor[busybox:1.37, feed=7000]} */
    @Override
    public String toString() {
        synchronized (lock) {
            return "ContainerActor[" + image(null) + (ports.isEmpty() ? "" : ", " + ports.toString().replaceAll("[{}]", "")) + "]";
        }
    }
}
