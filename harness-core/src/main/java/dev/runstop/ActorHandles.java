package dev.runstop;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The handles as one actor sees them ({@link ActorContext#handles()}): every look-up that finds a value
 * makes this actor depend on its publisher, so the publisher is stopped only after this actor returned.
 * Once the group is stopping, a handle whose publisher was already stopped is gone: looking it up
 * throws a {@link HandleTimeoutException} that counts as a normal return of a stopping actor.
 */
final class ActorHandles implements Handles {
    private final HandleRegistry registry;
    private final ActorCell asker;
    private final String who;

    ActorHandles(HandleRegistry registry, ActorCell asker) {
        this.registry = registry;
        this.asker = asker;
        this.who = "'" + asker.name + "'";
    }

    @Override
    public <T> T get(String name, Class<T> type) {
        T value = registry.get(name, type);
        registry.looked(asker, name);
        return value;
    }

    @Override
    public <T> Optional<T> find(String name, Class<T> type) {
        Optional<T> value = registry.find(name, type);
        if (value.isPresent()) {
            registry.looked(asker, name);
        }
        return value;
    }

    @Override
    public <T> T getByType(Class<T> type) {
        T value = registry.getByType(type);
        String name = registry.nameByType(type);
        if (name != null) {
            registry.looked(asker, name);
        }
        return value;
    }

    @Override
    public <T> T awaitByType(Class<T> type, Duration timeout) throws InterruptedException {
        T value = registry.awaitByType(type, timeout, who);
        String name = registry.nameByType(type);
        if (name != null) {
            registry.looked(asker, name);
        }
        return value;
    }

    @Override
    public int port(String name) {
        int port = registry.port(name);
        registry.looked(asker, name);
        return port;
    }

    @Override
    public <T> T await(String name, Class<T> type, Duration timeout) throws InterruptedException {
        T value = registry.await(name, type, timeout, who);
        registry.looked(asker, name);
        return value;
    }

    @Override
    public int awaitPort(String name, Duration timeout) throws InterruptedException {
        int port = registry.awaitPort(name, timeout, who);
        registry.looked(asker, name);
        return port;
    }

    @Override
    public Set<String> names() {
        return registry.names();
    }

    @Override
    public Set<String> portNames() {
        return registry.portNames();
    }

    @Override
    public Map<String, Object> snapshot() {
        return registry.snapshot();
    }

    @Override
    public String describe() {
        return registry.describe();
    }

    @Override
    public String toString() {
        return registry.toString();
    }
}
