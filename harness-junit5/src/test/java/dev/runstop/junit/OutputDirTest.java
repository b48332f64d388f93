package dev.runstop.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Group;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The timeline page and stop report go under JUnit's reporting output directory when one is set. */
class OutputDirTest {

    @Fixture
    @RunstopTest(factoryMethod = "app")
    static class CleanApp {
        static Group app() {
            return new Group("clean").add("http", TestApps.server("http"));
        }

        @Test
        void serves(@Port("http") int port) throws Exception {
            assertThat(TestApps.knock(port)).isEqualTo('k');
        }
    }

    @Test
    void theFilesGoUnderTheReportingOutputDirectory() throws Exception {
        Path reports = Path.of("target", "custom-reports").toAbsolutePath();
        Path page = reports.resolve("runstop").resolve(CleanApp.class.getName() + ".html");
        Path text = reports.resolve("runstop").resolve(CleanApp.class.getName() + ".txt");
        Files.deleteIfExists(page);
        Files.deleteIfExists(text);

        FixtureRun run = FixtureRun.of(Map.of(OutputDir.REPORTING_DIR_KEY, reports.toString()), CleanApp.class);

        assertThat(run.reportEntries("runstop.timeline")).containsExactly(page.toString());
        assertThat(Files.readString(page)).contains("<svg").contains("http");
        assertThat(Files.readString(text)).contains("clean").isEqualTo(run.reportEntries("runstop.report").get(0)
                + System.lineSeparator());
    }

    @Test
    void aPlaceholderOfJUnitsPutsTheFilesNextToItsDirectories() throws Exception {
        Path reports = Path.of("target", "forks").toAbsolutePath();
        Path page = reports.resolve("runstop").resolve(CleanApp.class.getName() + ".html");
        Files.deleteIfExists(page);

        FixtureRun run = FixtureRun.of(Map.of(OutputDir.REPORTING_DIR_KEY, reports.resolve("junit-{uniqueNumber}").toString()),
                CleanApp.class);

        assertThat(run.reportEntries("runstop.timeline")).containsExactly(page.toString());
        assertThat(page).exists();
    }
}
