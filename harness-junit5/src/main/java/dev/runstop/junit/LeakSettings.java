package dev.runstop.junit;

import dev.runstop.Group;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The leak check's configuration parameters, for every app the extension starts (also read from system
 * properties of the same names by the groups themselves):
 * <ul>
 *   <li>{@value #ORIGINS_KEY} {@code = true}: leaked threads are reported with the line that started them;</li>
 *   <li>{@value #SHARED_KEY}: thread names (regular expressions of whole names, comma-separated) that are
 *       JVM-wide by design: listed as shared, never blamed.</li>
 * </ul>
 */
final class LeakSettings {
    /** Configuration parameter: {@code true} records where threads start, for leak reports. */
    static final String ORIGINS_KEY = "runstop.leaks.origins";
    /** Configuration parameter: names of shared threads, as comma-separated regular expressions. */
    static final String SHARED_KEY = "runstop.leaks.shared";

    private LeakSettings() {
    }

    /** @return whether {@value #ORIGINS_KEY} is true (also as a system property) */
    static boolean origins(ExtensionContext context) {
        return context.getConfigurationParameter(ORIGINS_KEY).map(String::trim).filter(v -> !v.isEmpty()).map(v -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new ExtensionConfigurationException("configuration parameter '" + ORIGINS_KEY
                        + "' must be true or false, was '" + v + "'");
            }
            return v.equalsIgnoreCase("true");
        }).orElse(false);
    }

    /** Applies the shared-thread names to a group the factory built. */
    static void apply(ExtensionContext context, Group group) {
        context.getConfigurationParameter(SHARED_KEY).filter(v -> !v.isBlank()).ifPresent(v -> {
            List<Pattern> names = new ArrayList<>();
            for (String part : v.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    names.add(Pattern.compile(part.strip()));
                } catch (PatternSyntaxException e) {
                    throw new ExtensionConfigurationException("configuration parameter '" + SHARED_KEY + "': '" + part.strip()
                            + "' is not a regular expression of thread names: " + e.getDescription(), e);
                }
            }
            group.sharedThreads(t -> names.stream().anyMatch(p -> p.matcher(t.getName()).matches()));
        });
    }
}
