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
 * The timeline page of one test class (or shared app), {@code <stem>.html} in the output directory (see
 * {@link OutputDir}), and its stop reports as text, {@code <stem>.txt}; both rewritten after every app
 * run, so that with one app per test method they show every run.
 */
final class TimelineFile {
    private final String title;
    private final Path html;
    private final Path text;
    /** Guarded by this. */
    private final List<StopReport> reports = new ArrayList<>();

    TimelineFile(String title, String stem, Path dir) {
        this.title = title;
        this.html = dir.resolve(stem + ".html");
        this.text = dir.resolve(stem + ".txt");
    }

    TimelineFile(Class<?> testClass, Path dir) {
        this(testClass.getName(), testClass.getName(), dir);
    }

    /**
     * Adds a run and rewrites the page and the report file.
     *
     * @return the files' text and where they were written
     * @throws IOException if a file cannot be written
     */
    synchronized Page add(StopReport report) throws IOException {
        reports.add(report);
        String page = Timeline.html(title, List.copyOf(reports));
        StringBuilder stopReports = new StringBuilder();
        for (int i = 0; i < reports.size(); i++) {
            if (reports.size() > 1) {
                stopReports.append("== run ").append(i + 1).append(" of ").append(reports.size()).append(System.lineSeparator());
            }
            stopReports.append(reports.get(i)).append(System.lineSeparator());
        }
        Files.createDirectories(html.getParent());
        Files.writeString(html, page, StandardCharsets.UTF_8);
        Files.writeString(text, stopReports, StandardCharsets.UTF_8);
        return new Page(html, page, text, stopReports.toString());
    }

    /** Written files: the timeline page and the stop reports. */
    record Page(Path file, String html, Path reportFile, String reports) {
    }
}
