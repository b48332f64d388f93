package dev.runstop.testcontainers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class (or method) only where a Docker engine answers, and skips it cleanly
 * elsewhere, like Testcontainers' {@code @Testcontainers(disabledWithoutDocker = true)}, with one
 * difference: when the environment variable {@code CI} is {@code true}, a missing Docker engine fails
 * the tests instead of skipping them, so that a CI run can never pass by silently skipping its container
 * tests.
 *
 * <p>Put it before {@code @RegisterExtension}/{@code @RunstopTest} registrations that start containers:
 * JUnit evaluates it before any extension starts the app.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(DockerCondition.class)
public @interface RequiresDocker {
}
