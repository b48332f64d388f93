package dev.runstop.junit;

import dev.runstop.StopReport;
import dev.runstop.Timeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The timeline page of one test class: {@code target/runstop/<test class name>.html} under the working
 * directory (the module's directory under Maven), rewritten after every app run of the class so that with
 * one app per test method it shows every run.
 */
final class TimelineFile {
    private final Class<?> testClass;
    private final List<StopReport> reports = new ArrayList<>();

    TimelineFile(Class<?> testClass) {
        this.testClass = testClass;
    }

    /**
     * Adds a run and rewrites the page.
     *
     * @return the page's text and where it was written
     * @throws IOException if the page cannot be written
     */
    synchronized Page add(StopReport report) throws IOException {
        reports.add(report);
        String html = Timeline.html(testClass.getName(), List.copyOf(reports));
        Path file = Path.of("target", "runstop", testClass.getName() + ".html").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, html, StandardCharsets.UTF_8);
        return new Page(file, html);
    }

    /** A written page. */
    record Page(Path file, String html) {
    }
}
