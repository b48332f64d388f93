package dev.runstop.junit;

import java.nio.file.Files;
import java.nio.file.Path;

/** The one line that tells how to run a failing test class again. */
final class Reproduce {
    private Reproduce() {
    }

    /**
     * @param testClass the test class that failed
     * @return such as {@code reproduce: ./mvnw -pl shop test -Dtest=CheckoutTest}; a generic wording when
     *     the build is not recognised from the working directory
     */
    static String line(Class<?> testClass) {
        String test = testClass.getName().substring(testClass.getName().lastIndexOf('.') + 1);
        String selector = test.indexOf('$') >= 0 ? "'" + test + "'" : test;
        Path cwd = Path.of("").toAbsolutePath();
        if (Files.isRegularFile(cwd.resolve("pom.xml"))) {
            Path parent = cwd.getParent();
            if (parent != null && Files.isRegularFile(parent.resolve("pom.xml")) && cwd.getFileName() != null) {
                return "reproduce: " + maven(parent) + " -pl " + cwd.getFileName() + " test -Dtest=" + selector;
            }
            return "reproduce: " + maven(cwd) + " test -Dtest=" + selector;
        }
        return "reproduce: run the test class " + testClass.getName() + " on its own (with Maven: -Dtest=" + selector + ")";
    }

    /**
     * @param starter the test class that started a shared app
     * @return the line for a shared app: the failure may come from any class that used it
     */
    static String sharedLine(Class<?> starter) {
        return line(starter) + " (the app is shared: run with the classes that share it if that passes;"
                + " this class started it)";
    }

    private static String maven(Path root) {
        return Files.isRegularFile(root.resolve("mvnw")) ? "./mvnw" : "mvn";
    }
}
