package dev.runstop.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Actor;
import dev.runstop.ActorContext;
import dev.runstop.ActorException;
import dev.runstop.Group;
import dev.runstop.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sessions still open at the stop deadline fail the class like stragglers, naming each session. */
class SessionCutOffTest {
    /** The request the fixture leaves in flight; closed by the outer test once it has read the report. */
    static volatile Session inFlight;

    @Fixture
    @RunstopTest(factoryMethod = "app", stopDeadline = "200ms")
    static class AppWithARequestThatNeverFinishes {
        static Group app() {
            return new Group("orders").add("http", new Actor() {
                @Override
                public void run(ActorContext ctx) throws Exception {
                    inFlight = ctx.openSession("POST /orders");
                    ctx.ready(); // the request is in flight before any test runs
                    ctx.awaitStop();
                    // Well inside the 200ms stop deadline: waiting up to the deadline itself would race it, and
                    // under load run() would return just after it, a straggler rather than a cut-off session.
                    ctx.awaitSessionsClosed(Duration.ofMillis(50));
                }

                @Override
                public void stop(Throwable cause) {
                }

                @Override
                public boolean signalsReady() {
                    return true;
                }
            });
        }

        @Test
        void placesAnOrder() {
        }
    }

    @Test
    void aSessionCutOffAtTeardownFailsTheClassNamingIt() {
        try {
            FixtureRun run = FixtureRun.of(AppWithARequestThatNeverFinishes.class);

            assertThat(run.testResult("placesAnOrder").getThrowable()).isEmpty();
            Throwable failure = run.classFailure(AppWithARequestThatNeverFinishes.class);
            assertThat(failure).isInstanceOf(AppStopFailedException.class);
            assertThat(failure.getMessage())
                    .contains("cut off: session 'POST /orders' of actor 'http'")
                    .contains("reproduce: ");
            assertThat(((AppStopFailedException) failure).report().actor("http").cutOffSessions())
                    .singleElement().satisfies(s -> assertThat(s.label()).isEqualTo("POST /orders"));
            // the actor may also straggle (its wait ends at the same deadline): then that is the cause and
            // the cut-off session a suppressed problem
            List<Throwable> problems = new ArrayList<>(List.of(failure.getSuppressed()));
            problems.add(0, failure.getCause());
            assertThat(problems).filteredOn(p -> ((ActorException) p).problem() == ActorException.Problem.SESSION_CUT_OFF)
                    .singleElement().extracting(Throwable::getMessage).asString()
                    .startsWith("actor 'http': session 'POST /orders' was cut off: still open at the stop deadline of 200ms");
        } finally {
            if (inFlight != null) {
                inFlight.close();
            }
        }
    }
}
