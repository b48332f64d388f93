package dev.runstop;

import static dev.runstop.Fixtures.group;
import static dev.runstop.Fixtures.untilStopped;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BadInputTest {

    @Test
    void groupNamesMustBeGiven() {
        assertThatThrownBy(() -> new Group(null)).isInstanceOf(IllegalArgumentException.class).hasMessage("group name must not be null");
        assertThatThrownBy(() -> new Group(" ")).isInstanceOf(IllegalArgumentException.class).hasMessage("group name must not be blank");
    }

    @Test
    void actorsMustBeNamedAndNotNull() {
        Group group = group("app");
        assertThatThrownBy(() -> group.add(null, untilStopped())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("actor name must not be null");
        assertThatThrownBy(() -> group.add("", untilStopped())).hasMessage("actor name must not be blank");
        assertThatThrownBy(() -> group.add("x", (Actor) null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("actor 'x' of group 'app' is null");
        assertThatThrownBy(() -> group.add("x", null, cause -> { })).hasMessage("actor 'x' of group 'app': run function is null");
    }

    @Test
    void actorNamesAreUnique() {
        Group group = group("app").add("http", untilStopped());
        assertThatThrownBy(() -> group.add("http", untilStopped())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("group 'app' already has an actor named 'http'");
    }

    @Test
    void deadlinesMustBePositive() {
        assertThatThrownBy(() -> group("app").stopDeadline(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stop deadline of group 'app' must be positive, was PT0S");
        assertThatThrownBy(() -> group("app").add("x", Actors.of(untilStopped(), c -> { }), Duration.ofMillis(-1)))
                .hasMessage("stop deadline of actor 'x' must be positive, was PT-0.001S");
        assertThatThrownBy(() -> group("app").leakCheck(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> group("app").add("x", untilStopped()).start().awaitReady(Duration.ZERO))
                .hasMessage("start deadline must be positive, was PT0S");
    }

    @Test
    void aGroupRunsOnceAndIsNotChangedAfterItStarted() throws Exception {
        Group group = group("app").add("x", untilStopped());
        RunningGroup running = group.start();
        assertThatThrownBy(() -> group.add("y", untilStopped())).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot add actor 'y': group 'app' has already started");
        assertThatThrownBy(group::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("group 'app' was already started; a group runs once: build a new one");
        assertThatThrownBy(group::run).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> group.stopDeadline(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
        running.stopAndAwait("test");
    }
}
