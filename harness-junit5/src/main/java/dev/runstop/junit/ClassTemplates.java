package dev.runstop.junit;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Recognises class templates ({@code @ParameterizedClass}, JUnit 5.13+) by the unique ids of their
 * contexts, so that the extension runs one app per class invocation on every JUnit version without
 * referring to types older versions lack. A template's container gets {@code beforeAll} once for all its
 * invocations; each invocation is a container of its own, segment type {@value #INVOCATION}.
 */
final class ClassTemplates {
    private static final String TEMPLATE = "class-template";
    private static final String INVOCATION = "class-template-invocation";

    private ClassTemplates() {
    }

    /** Whether the context is the container of a class template (not one of its invocations). */
    static boolean isTemplate(ExtensionContext context) {
        return TEMPLATE.equals(lastSegmentType(context.getUniqueId()));
    }

    /** The nearest class template invocation that is the context or encloses it. */
    static Optional<ExtensionContext> enclosingInvocation(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            if (INVOCATION.equals(lastSegmentType(c.getUniqueId()))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The 1-based number of the invocation if the context is a class template invocation, such as {@code 2}. */
    static Optional<String> invocationIndex(ExtensionContext context) {
        String id = context.getUniqueId();
        if (!INVOCATION.equals(lastSegmentType(id))) {
            return Optional.empty();
        }
        String value = id.substring(id.lastIndexOf("/[") + 2 + INVOCATION.length() + 1, id.length() - 1);
        return Optional.of(value.startsWith("#") ? value.substring(1) : value);
    }

    /** The type of a unique id's last segment: {@code class-template} in {@code [engine:x]/[class-template:C]}. */
    private static String lastSegmentType(String uniqueId) {
        int start = uniqueId.lastIndexOf("/[");
        int colon = uniqueId.indexOf(':', start + 2);
        return start < 0 || colon < 0 ? "" : uniqueId.substring(start + 2, colon);
    }
}
