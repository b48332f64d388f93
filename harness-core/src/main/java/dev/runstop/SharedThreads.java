package dev.runstop;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Threads that are JVM-wide by design: one per JVM (or per library), made lazily by whichever app first
 * needs it, then serving every app of the JVM. The leak check lists them as <em>shared</em> and never
 * blames the app that happened to create them. The presets name the known ones; {@link Group#sharedThreads}
 * and the system property {@value #PROPERTY} add more.
 */
final class SharedThreads {
    /** System property: more shared threads, as regular expressions of whole thread names, comma-separated. */
    static final String PROPERTY = "runstop.leaks.shared";

    /** One preset: a whole-name pattern and why such a thread is shared. */
    private record Preset(Pattern name, String why) {
    }

    private static final List<Preset> PRESETS = List.of(
            new Preset(Pattern.compile("globalEventExecutor-\\d+-\\d+"), "Netty's JVM-wide GlobalEventExecutor"),
            new Preset(Pattern.compile("threadDeathWatcher-\\d+-\\d+"), "Netty's JVM-wide ThreadDeathWatcher"),
            new Preset(Pattern.compile("commons-pool-evictor(-\\d+)?"), "commons-pool's JVM-wide evictor, shared by every pool"),
            new Preset(Pattern.compile("HttpClient-\\d+-SelectorManager"), "the JDK HttpClient's selector (an HttpClient has no close() before Java 21)"),
            new Preset(Pattern.compile("HttpClient-\\d+-Worker-\\d+"), "the JDK HttpClient's worker pool (an HttpClient has no close() before Java 21)"),
            new Preset(Pattern.compile("background-preinit"), "Spring Boot's background pre-initializer, which ends on its own"),
            new Preset(Pattern.compile("Common-Cleaner"), "the JDK's common Cleaner"),
            new Preset(Pattern.compile("process reaper(-\\d+)?"), "the JDK's process reaper"));

    private static volatile String propertyText;
    private static volatile List<Pattern> fromProperty = List.of();

    private SharedThreads() {
    }

    /**
     * @param thread a live thread found by the leak check
     * @param extra the group's own rule, from {@link Group#sharedThreads}
     * @return why the thread is shared by design, or null if it is not
     */
    static String reason(Thread thread, Predicate<Thread> extra, String group) {
        String name = thread.getName();
        for (Preset p : PRESETS) {
            if (p.name().matcher(name).matches()) {
                return p.why();
            }
        }
        if (thread.getClass().getName().equals("jdk.internal.misc.InnocuousThread")) {
            return "a JDK system thread";
        }
        for (Pattern p : property()) {
            if (p.matcher(name).matches()) {
                return "matches -D" + PROPERTY + " pattern '" + p.pattern() + "'";
            }
        }
        try {
            if (extra.test(thread)) {
                return "matches the shared-threads rule of group '" + group + "'";
            }
        } catch (RuntimeException | Error e) {
            System.getLogger(Group.class.getName()).log(System.Logger.Level.WARNING, "the shared-threads rule of group '"
                    + group + "' threw for thread '" + name + "'; the thread is checked for leaks", e);
        }
        return null;
    }

    private static List<Pattern> property() {
        String text = System.getProperty(PROPERTY, "");
        if (!text.equals(propertyText)) {
            fromProperty = parse(text, "system property " + PROPERTY);
            propertyText = text;
        }
        return fromProperty;
    }

    /**
     * @param text comma-separated regular expressions of whole thread names
     * @param where where they were written, for the error
     * @return the patterns
     * @throws IllegalArgumentException naming {@code where} if one is not a valid regular expression
     */
    static List<Pattern> parse(String text, String where) {
        List<Pattern> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            try {
                out.add(Pattern.compile(p));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(where + ": '" + p + "' is not a regular expression of thread names: "
                        + e.getDescription(), e);
            }
        }
        return List.copyOf(out);
    }
}
