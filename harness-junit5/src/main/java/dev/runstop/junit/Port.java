package dev.runstop.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a port the app published with {@link dev.runstop.ActorContext#publishPort}, into an
 * {@code int} or {@code Integer} parameter of a test method, lifecycle method or constructor,
 * {@code void serves(@Port("http") int port)}, or into a field: {@code @Port("http") static int port;}
 * (static fields when the app is one per class, set before the class's tests; instance fields in either
 * scope, set before each test; not final). Once every actor is ready, waits for the port up to the handle grace
 * (configuration parameter {@code runstop.handle.grace}, default 2s), so a port published just after the
 * app became ready is still found; a name the app does not publish then fails with a
 * {@link org.junit.jupiter.api.extension.ParameterResolutionException} listing what it does publish.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
public @interface Port {

    /** @return the name the port was published under */
    String value();
}
