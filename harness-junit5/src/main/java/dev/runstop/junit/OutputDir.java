package dev.runstop.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Where the extension writes timeline pages and stop reports: {@code runstop/} under JUnit's reporting
 * output directory (configuration parameter {@value #REPORTING_DIR_KEY}) when one is set, else under the
 * build's output directory found from the working directory: {@code target/} for Maven, {@code build/}
 * for Gradle.
 */
final class OutputDir {
    /** JUnit's configuration parameter for its reports' directory. */
    static final String REPORTING_DIR_KEY = "junit.platform.reporting.output.dir";

    private OutputDir() {
    }

    /** @return the absolute directory to write into; not created yet */
    static Path of(ExtensionContext context) {
        return context.getConfigurationParameter(REPORTING_DIR_KEY)
                .filter(dir -> !dir.isBlank())
                .map(OutputDir::withoutPlaceholder)
                .map(dir -> Path.of(dir).resolve("runstop"))
                .orElseGet(() -> buildDir().resolve("runstop"))
                .toAbsolutePath();
    }

    /**
     * JUnit replaces {@code {uniqueNumber}} in the reporting directory with a number of its own per run,
     * which an extension cannot know: the files then go next to those directories.
     */
    private static String withoutPlaceholder(String dir) {
        int placeholder = dir.indexOf('{');
        if (placeholder < 0) {
            return dir;
        }
        Path parent = Path.of(dir.substring(0, placeholder) + "x").getParent();
        return parent == null ? "." : parent.toString();
    }

    private static Path buildDir() {
        Path cwd = Path.of("");
        boolean maven = Files.isRegularFile(cwd.resolve("pom.xml")) || Files.isDirectory(cwd.resolve("target"));
        boolean gradle = Files.isRegularFile(cwd.resolve("build.gradle")) || Files.isRegularFile(cwd.resolve("build.gradle.kts"));
        return Path.of(gradle && !maven ? "build" : "target");
    }
}
