package dev.runstop.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * One leaking class among twenty clean ones, all run at once: only the leaking class fails, and the
 * reproduce line in its failure, run on its own, fails the same way.
 */
class OneLeakAmongTwentyTest {
    static final List<Class<?>> CLEAN = List.of(NettyEchoTest.class, CommonsPoolATest.class, CommonsPoolBTest.class,
            JettyServerTest.class, JdkHttpClientTest.class, SpringBootAppTest.class,
            CleanApps.App01.class, CleanApps.App02.class, CleanApps.App03.class, CleanApps.App04.class, CleanApps.App05.class,
            CleanApps.App06.class, CleanApps.App07.class, CleanApps.App08.class, CleanApps.App09.class, CleanApps.App10.class,
            CleanApps.App11.class, CleanApps.App12.class, CleanApps.App13.class, CleanApps.App14.class);

    @AfterAll
    static void releaseThePlantedThreads() {
        Planted.RELEASE.countDown();
    }

    @Test
    void onlyTheLeakingClassFailsAndItsReproduceLineReproducesIt() {
        List<Class<?>> classes = new ArrayList<>(CLEAN);
        classes.add(LibraryThreadGroupLeakApp.class);
        assertThat(CLEAN).hasSize(20);
        Fixtures run = Fixtures.runInParallel(classes.toArray(new Class<?>[0]));

        assertThat(run.failedClasses()).as(run.describeFailures()).containsExactly(LibraryThreadGroupLeakApp.class.getSimpleName());
        String message = run.classFailure(LibraryThreadGroupLeakApp.class).getMessage();
        assertThat(message).contains("actor 'client' leaked thread 'vendor-poller'");
        assertThat(run.reports()).hasSize(21).filteredOn(r -> r.contains(", clean")).hasSize(20);
        // the HttpClient's selector outlives the app that made it (no close() on Java 17): seen, listed, not blamed
        assertThat(run.reports()).anySatisfy(r -> assertThat(r).startsWith("group 'jdk-http'").contains(", clean")
                .containsPattern("shared, not blamed: thread 'HttpClient-\\d+-SelectorManager'"));

        Matcher reproduce = Pattern.compile("reproduce: \\S+ -pl leak-tests test -Dtest='?([\\w$]+)'?").matcher(message);
        assertThat(reproduce.find()).as(message).isTrue();
        Class<?> named = load("dev.runstop.leaks." + reproduce.group(1));
        assertThat(named).isEqualTo(LibraryThreadGroupLeakApp.class);
        Throwable again = Fixtures.run(named).classFailure(named);
        assertThat(again).isNotNull();
        assertThat(firstLine(again.getMessage()).replaceAll("@\\p{XDigit}+", ""))
                .isEqualTo(firstLine(message).replaceAll("@\\p{XDigit}+", ""));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).strip();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("the reproduce line names no class of this module: " + name, e);
        }
    }
}
