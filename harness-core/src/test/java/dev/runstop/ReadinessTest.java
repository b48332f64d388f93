package dev.runstop;

import static dev.runstop.Fixtures.group;
import static dev.runstop.Fixtures.untilStopped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ReadinessTest {

    private static Actor readyWhen(CountDownLatch go) {
        return new Actor() {
            @Override
            public void run(ActorContext ctx) throws Exception {
                Fixtures.await(go, "test to let the actor become ready");
                ctx.ready();
                ctx.awaitStop();
            }

            @Override
            public void stop(Throwable cause) {
            }

            @Override
            public boolean signalsReady() {
                return true;
            }
        };
    }

    @Test
    void awaitReadyWaitsForActorsThatSignalReadiness() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        RunningGroup running = group("app").add("db", readyWhen(go)).add("plain", untilStopped()).start();
        assertThat(running.isReady()).isFalse();
        go.countDown();
        running.awaitReady(Fixtures.LONG);
        assertThat(running.isReady()).isTrue();
        StopReport report = running.stopAndAwait("test");
        assertThat(report.actor("db").at(LifecycleEvent.READY)).isPresent();
    }

    @Test
    void anActorThatFailsBeforeReadyFailsTheStartAtOnceWithItsError() throws Exception {
        IOException refused = new IOException("connection refused: db:5432");
        CountDownLatch never = new CountDownLatch(1);
        RunningGroup running = group("app")
                .add("db", new Actor() {
                    @Override
                    public void run(ActorContext ctx) throws Exception {
                        throw refused;
                    }

                    @Override
                    public void stop(Throwable cause) {
                    }

                    @Override
                    public boolean signalsReady() {
                        return true;
                    }
                })
                .add("waiting", readyWhen(never))
                .start();

        // a start deadline far longer than any test: failing fast is the rule under test
        StartFailedException failure = catchThrowableOfType(StartFailedException.class,
                () -> running.awaitReady(Duration.ofHours(1)));

        assertThat(failure).hasCause(refused)
                .hasMessage("group 'app' did not start: actor 'db' failed before it was ready: java.io.IOException: connection refused: db:5432"
                        + " (while starting, at " + ThreadSnapshot.brief(refused.getStackTrace()[0]) + ")");
        never.countDown();
        Fixtures.awaitReport(running);
    }

    @Test
    void atTheStartDeadlineTheActorsNotReadyAreNamedWithTheirStacks() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        RunningGroup running = group("app")
                .add("fast", untilStopped())
                .add("migrations", new Actor() {
                    @Override
                    public void run(ActorContext ctx) throws Exception {
                        waitForSchemaLock(never);
                    }

                    @Override
                    public void stop(Throwable cause) {
                        never.countDown();
                    }

                    @Override
                    public boolean signalsReady() {
                        return true;
                    }
                })
                .start();

        StartFailedException failure = catchThrowableOfType(StartFailedException.class,
                () -> running.awaitReady(Duration.ofMillis(200)));

        assertThat(failure.getMessage()).startsWith("group 'app' was not ready within 200ms: 1 of 2 actors not ready:")
                .contains("'migrations' stuck at", "waitForSchemaLock", "thread 'app/migrations'");
        assertThat(failure.getSuppressed()).singleElement().satisfies(e -> {
            ActorException notReady = (ActorException) e;
            assertThat(notReady.problem()).isEqualTo(ActorException.Problem.NOT_READY);
            assertThat(notReady.actor()).isEqualTo("migrations");
            assertThat(notReady.getStackTrace()).extracting(StackTraceElement::getMethodName).contains("waitForSchemaLock");
        });
        assertThat(running.stopAndAwait("start failed").clean()).isTrue();
    }

    private static void waitForSchemaLock(CountDownLatch lock) throws InterruptedException {
        lock.await();
    }

    @Test
    void anActorThatReturnsBeforeReadyFailsTheStart() throws Exception {
        RunningGroup running = group("app").add("oneshot", new Actor() {
            @Override
            public void run(ActorContext ctx) {
            }

            @Override
            public void stop(Throwable cause) {
            }

            @Override
            public boolean signalsReady() {
                return true;
            }
        }).start();
        StartFailedException failure = catchThrowableOfType(StartFailedException.class, () -> running.awaitReady(Duration.ofHours(1)));
        assertThat(failure).hasMessageContaining("actor 'oneshot' returned before it was ready");
    }

    @Test
    void aGroupStoppedBeforeReadyFailsTheStart() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        RunningGroup running = group("app").add("db", readyWhen(never)).start();
        running.stop("test gave up");
        StartFailedException failure = catchThrowableOfType(StartFailedException.class, () -> running.awaitReady(Duration.ofHours(1)));
        assertThat(failure).hasMessageContaining("stopped before it was ready: stop requested: test gave up");
        never.countDown();
        Fixtures.awaitReport(running);
    }
}
