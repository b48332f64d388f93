package dev.runstop.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Actor;
import dev.runstop.ActorContext;
import dev.runstop.Group;
import dev.runstop.RunningGroup;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;

class ParameterTest {
    /** What the fixtures saw, in order. */
    static final List<Object> seen = new CopyOnWriteArrayList<>();

    /** A published object, looked up by name and by type. */
    static final class Turnstile {
    }

    static Group turnstileApp() {
        Turnstile turnstile = new Turnstile();
        return new Group("params")
                .add("http", TestApps.server("http"))
                .add("machine", new Actor() {
                    @Override
                    public void run(ActorContext ctx) throws InterruptedException {
                        ctx.publish("machine", turnstile); // published before ready: a lookup by type finds it
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
                });
    }

    @Fixture
    @RunstopTest(factoryMethod = "app")
    static class InjectsEverywhere {
        private final int constructorPort;

        InjectsEverywhere(@Port("http") int port) {
            this.constructorPort = port;
        }

        static Group app() {
            return turnstileApp();
        }

        @BeforeAll
        static void beforeAll(RunningGroup app) {
            seen.add("beforeAll:" + app.name());
        }

        @BeforeEach
        void beforeEach(@Handle Turnstile byType) {
            seen.add(byType);
        }

        @Test
        void test(@Port("http") int port, @Port("http") Integer boxed, @Handle("machine") Turnstile byName,
                @Handle Turnstile byType, RunningGroup app) throws Exception {
            assertThat(boxed).isEqualTo(port);
            assertThat(constructorPort).isEqualTo(port);
            assertThat(byName).isSameAs(byType).isSameAs(app.handles().get("machine", Turnstile.class));
            assertThat(TestApps.knock(port)).isEqualTo('k');
            seen.add(byName);
        }
    }

    @Test
    void portsHandlesAndTheAppAreInjectedIntoConstructorsLifecycleMethodsAndTests() {
        seen.clear();
        FixtureRun run = FixtureRun.of(InjectsEverywhere.class);

        assertThat(run.testResult("test").getThrowable()).isEmpty();
        assertThat(seen).hasSize(3);
        assertThat(seen.get(0)).isEqualTo("beforeAll:params");
        assertThat(seen.get(1)).isInstanceOf(Turnstile.class).isSameAs(seen.get(2));
    }

    @Fixture
    @RunstopTest(factoryMethod = "app", startDeadline = "2s")
    static class AsksForAPortThatIsNotPublished {
        static Group app() {
            return turnstileApp();
        }

        @Test
        void typo(@Port("htp") int port) {
        }

        @Test
        void wrongType(@Handle("machine") String machine) {
        }

        @Test
        void noneOfThatType(@Handle Thread thread) {
        }
    }

    @Fixture
    @RunstopTest(factoryMethod = "app", startDeadline = "60s")
    static class TypoWithALongStartDeadline {
        static Group app() {
            return turnstileApp();
        }

        @Test
        void typo(@Port("htp") int port) {
        }
    }

    @Test
    void onceTheAppIsReadyAnUnknownNameFailsAfterTheGraceNotTheStartDeadline() throws Exception {
        FixtureRun byDefault = FixtureRun.boundedOf(Map.of(), TypoWithALongStartDeadline.class);
        assertThat(byDefault.testFailure("typo")).isInstanceOf(ParameterResolutionException.class)
                .hasMessageContaining("handle 'htp' of group 'params' was not published within 2s; it publishes: ")
                .hasMessageContaining("http (port ")
                .hasMessageEndingWith("(every actor of the app was ready; a value published later needs a longer runstop.handle.grace)");

        FixtureRun configured = FixtureRun.boundedOf(Map.of(RunstopExtension.HANDLE_GRACE_KEY, "300ms"),
                TypoWithALongStartDeadline.class);
        assertThat(configured.testFailure("typo")).isInstanceOf(ParameterResolutionException.class)
                .hasMessageContaining("handle 'htp' of group 'params' was not published within 300ms; it publishes: ");
    }

    @Test
    void anUnknownNameFailsListingWhatTheAppPublishes() {
        FixtureRun run = FixtureRun.of(AsksForAPortThatIsNotPublished.class);

        assertThat(run.testFailure("typo")).isInstanceOf(ParameterResolutionException.class)
                .hasMessageStartingWith("cannot resolve @Port(\"htp\") parameter 0 (int) of AsksForAPortThatIsNotPublished.typo()"
                        + " from app 'params': handle 'htp' of group 'params' was not published within 2s; it publishes: ")
                .hasMessageContaining("machine (Turnstile)")
                .hasMessageMatching("(?s).*it publishes: .*http \\(port \\d+\\).*");
        assertThat(run.testFailure("wrongType")).isInstanceOf(ParameterResolutionException.class)
                .hasMessageContaining("handle 'machine' of group 'params' is a " + Turnstile.class.getName()
                        + ", not a java.lang.String");
        assertThat(run.testFailure("noneOfThatType")).isInstanceOf(ParameterResolutionException.class)
                .hasMessageContaining("no handle of type java.lang.Thread of group 'params' was published within 2s")
                .hasMessageContaining("machine (Turnstile)");
    }
}
