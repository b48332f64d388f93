package dev.runstop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The {@link Handles} of one running group: a small monitor-guarded map with waiting. Actors look up
 * through {@link #viewFor their own view}, which records who depends on whom for the stop order.
 */
final class HandleRegistry implements Handles {
    private final String group;
    private final GroupRuntime runtime;
    /** Pending waits, for the group's snapshot: waiter description to what it waits for. */
    private final Map<Object, String> waits = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> publishers = new LinkedHashMap<>();
    private final Set<String> ports = new LinkedHashSet<>();
    private String closedBecause;

    HandleRegistry(String group, GroupRuntime runtime) {
        this.group = group;
        this.runtime = runtime;
    }

    /** @return the actor that published a handle, or null */
    synchronized String publisherOf(String name) {
        return publishers.get(name);
    }

    /** @return the name of the one handle of a type, as {@link #getByType} finds it */
    synchronized String nameByType(Class<?> type) {
        List<String> matches = new ArrayList<>();
        values.forEach((name, value) -> {
            if (type.isInstance(value)) {
                matches.add(name);
            }
        });
        return matches.size() == 1 ? matches.get(0) : null;
    }

    /** @return the pending waits, such as {@code 'pool' for 'db'}, or empty */
    String describeWaits() {
        return String.join(", ", waits.values());
    }

    /** @return the handles as one actor sees them: its look-ups make it depend on the publishers */
    Handles viewFor(ActorCell asker) {
        return new ActorHandles(this, asker);
    }

    /** Records a wait for the group's snapshot. @return the key that ends it */
    Object waitBegins(String who, String what) {
        Object key = new Object();
        waits.put(key, who + " for " + what);
        return key;
    }

    void waitEnds(Object key) {
        waits.remove(key);
    }

    /** Called by an actor's view after each successful look-up of {@code name}. */
    void looked(ActorCell asker, String name) {
        ActorCell publisher = runtime.cell(publisherOf(name));
        if (publisher == null || publisher == asker) {
            return;
        }
        boolean added = asker.dependOn(publisher);
        if (runtime.isStopping()) {
            if (publisher.stopState().delivered()) {
                throw new HandleTimeoutException("handle '" + name + "' of group '" + group + "' is gone: its publisher, actor '"
                        + publisher.name + "', was stopped (" + runtime.stopCause().map(Throwable::getMessage).orElse("stopping")
                        + "); actor '" + asker.name + "' looked it up too late", true);
            }
            if (added) {
                runtime.edgeAdded();
            }
        }
    }

    synchronized void publish(String actor, String name, Object value, boolean port) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("handle name must not be blank (actor '" + actor + "')");
        }
        if (value == null) {
            throw new IllegalArgumentException("handle '" + name + "' of actor '" + actor + "': value must not be null");
        }
        if (values.containsKey(name)) {
            throw new IllegalStateException("handle '" + name + "' is already published by actor '"
                    + publishers.get(name) + "' in group '" + group + "'");
        }
        values.put(name, value);
        publishers.put(name, actor);
        if (port) {
            ports.add(name);
        }
        notifyAll();
    }

    /** Wakes waiters: from now on waits for names not published fail at once. */
    synchronized void close(String reason) {
        if (closedBecause == null) {
            closedBecause = reason;
            notifyAll();
        }
    }

    @Override
    public <T> T get(String name, Class<T> type) {
        Object value;
        String published;
        synchronized (this) { // one look: the list in the message is what the failed look-up saw
            value = values.get(name);
            published = value == null ? describe() : null;
        }
        if (value == null) {
            throw new NoSuchElementException("group '" + group + "' publishes no handle '" + name + "'; it publishes: " + published);
        }
        return cast(name, value, type);
    }

    @Override
    public <T> Optional<T> find(String name, Class<T> type) {
        Object value;
        synchronized (this) {
            value = values.get(name);
        }
        return Optional.ofNullable(value).map(v -> cast(name, v, type));
    }

    @Override
    public synchronized <T> T getByType(Class<T> type) {
        List<String> matches = new ArrayList<>();
        values.forEach((name, value) -> {
            if (type.isInstance(value)) {
                matches.add(name);
            }
        });
        if (matches.size() != 1) {
            throw new NoSuchElementException("group '" + group + "' publishes " + (matches.isEmpty() ? "no" : matches.size())
                    + " handles of type " + type.getName() + (matches.isEmpty() ? "" : " " + matches)
                    + "; ask for one by name. It publishes: " + describe());
        }
        return type.cast(values.get(matches.get(0)));
    }

    @Override
    public int port(String name) {
        synchronized (this) {
            if (!ports.contains(name)) {
                throw new NoSuchElementException("group '" + group + "' publishes no port '" + name
                        + "'; it publishes: " + describe());
            }
            return (Integer) values.get(name);
        }
    }

    @Override
    public <T> T await(String name, Class<T> type, Duration timeout) throws InterruptedException {
        return await(name, type, timeout, "a caller");
    }

    <T> T await(String name, Class<T> type, Duration timeout, String who) throws InterruptedException {
        Durations.requirePositive(timeout, "timeout");
        long deadline = System.nanoTime() + Durations.nanos(timeout);
        Object wait = waitBegins(who, "'" + name + "'");
        try {
            return awaitPublished(name, type, timeout, deadline);
        } finally {
            waitEnds(wait);
        }
    }

    private <T> T awaitPublished(String name, Class<T> type, Duration timeout, long deadline) throws InterruptedException {
        synchronized (this) {
            while (!values.containsKey(name)) {
                if (closedBecause != null) {
                    throw new HandleTimeoutException("group '" + group + "' stopped (" + closedBecause
                            + ") before handle '" + name + "' was published; it publishes: " + describe(), true);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new HandleTimeoutException("handle '" + name + "' of group '" + group
                            + "' was not published within " + Durations.format(timeout) + "; it publishes: " + describe(), false);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return cast(name, values.get(name), type);
        }
    }

    @Override
    public <T> T awaitByType(Class<T> type, Duration timeout) throws InterruptedException {
        return awaitByType(type, timeout, "a caller");
    }

    <T> T awaitByType(Class<T> type, Duration timeout, String who) throws InterruptedException {
        Durations.requirePositive(timeout, "timeout");
        long deadline = System.nanoTime() + Durations.nanos(timeout);
        Object wait = waitBegins(who, "a " + type.getSimpleName());
        try {
            return awaitType(type, timeout, deadline);
        } finally {
            waitEnds(wait);
        }
    }

    private <T> T awaitType(Class<T> type, Duration timeout, long deadline) throws InterruptedException {
        synchronized (this) {
            while (values.values().stream().noneMatch(type::isInstance)) {
                if (closedBecause != null) {
                    throw new HandleTimeoutException("group '" + group + "' stopped (" + closedBecause
                            + ") before a handle of type " + type.getName() + " was published; it publishes: " + describe(), true);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new HandleTimeoutException("no handle of type " + type.getName() + " of group '" + group
                            + "' was published within " + Durations.format(timeout) + "; it publishes: " + describe(), false);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return getByType(type);
        }
    }

    @Override
    public int awaitPort(String name, Duration timeout) throws InterruptedException {
        await(name, Object.class, timeout);
        return port(name);
    }

    int awaitPort(String name, Duration timeout, String who) throws InterruptedException {
        await(name, Object.class, timeout, who);
        return port(name);
    }

    @Override
    public synchronized Set<String> names() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(values.keySet()));
    }

    @Override
    public synchronized Set<String> portNames() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(ports));
    }

    @Override
    public synchronized Map<String, Object> snapshot() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override
    public synchronized String describe() {
        if (values.isEmpty()) {
            return "nothing";
        }
        StringBuilder out = new StringBuilder();
        values.forEach((name, value) -> {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(name).append(ports.contains(name)
                    ? " (port " + value + ")"
                    : " (" + value.getClass().getSimpleName() + ")");
        });
        return out.toString();
    }

    @Override
    public String toString() {
        return "Handles[" + describe() + "]";
    }

    private <T> T cast(String name, Object value, Class<T> type) {
        Class<?> boxed = type.isPrimitive() ? box(type) : type;
        if (!boxed.isInstance(value)) {
            throw new ClassCastException("handle '" + name + "' of group '" + group + "' is a "
                    + value.getClass().getName() + ", not a " + type.getName());
        }
        @SuppressWarnings("unchecked")
        T t = (T) value;
        return t;
    }

    private static Class<?> box(Class<?> primitive) {
        if (primitive == int.class) return Integer.class;
        if (primitive == long.class) return Long.class;
        if (primitive == boolean.class) return Boolean.class;
        if (primitive == double.class) return Double.class;
        if (primitive == float.class) return Float.class;
        if (primitive == short.class) return Short.class;
        if (primitive == byte.class) return Byte.class;
        if (primitive == char.class) return Character.class;
        return Void.class;
    }
}
