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
        return line(selector(testClass), testClass.getName());
    }

    /**
     * @param testClasses the test classes that shared one app, in the order they used it
     * @return one line that runs them all together, such as {@code reproduce: ./mvnw test -Dtest=A,B}: the
     *     cause of a shared app's failure may lie in any of them, so no one class is named alone
     */
    static String together(java.util.List<Class<?>> testClasses) {
        String selectors = testClasses.stream().map(Reproduce::selector).collect(java.util.stream.Collectors.joining(","));
        String names = testClasses.stream().map(Class::getName).collect(java.util.stream.Collectors.joining(", "));
        return line(selectors, names) + " (the app is shared by " + testClasses.size() + " classes: run them together)";
    }

    private static String selector(Class<?> testClass) {
        String test = testClass.getName().substring(testClass.getName().lastIndexOf('.') + 1);
        return test.indexOf('$') >= 0 ? "'" + test + "'" : test;
    }

    private static String line(String selector, String classNames) {
        Path cwd = Path.of("").toAbsolutePath();
        if (Files.isRegularFile(cwd.resolve("pom.xml"))) {
            Path parent = cwd.getParent();
            if (parent != null && Files.isRegularFile(parent.resolve("pom.xml")) && cwd.getFileName() != null) {
                return "reproduce: " + maven(parent) + " -pl " + cwd.getFileName() + " test -Dtest=" + selector;
            }
            return "reproduce: " + maven(cwd) + " test -Dtest=" + selector;
        }
        return "reproduce: run the test class " + classNames + " on its own (with Maven: -Dtest=" + selector + ")";
    }

    private static String maven(Path root) {
        return Files.isRegularFile(root.resolve("mvnw")) ? "./mvnw" : "mvn";
    }
}
