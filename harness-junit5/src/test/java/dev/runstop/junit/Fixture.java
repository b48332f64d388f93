package dev.runstop.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a fixture test class: run only through {@link FixtureRun}, which sets the configuration parameter
 * {@value #ENABLED_KEY}; skipped by an ordinary discovery (an IDE running the whole package, say).
 */
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(Fixture.OnlyInFixtureRun.class)
public @interface Fixture {
    /** The configuration parameter that enables fixtures. */
    String ENABLED_KEY = "runstop.test.fixtures";

    /** Enables fixture classes only when {@value #ENABLED_KEY} is {@code true}. */
    final class OnlyInFixtureRun implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(ENABLED_KEY).filter("true"::equals).isPresent()
                    ? ConditionEvaluationResult.enabled("run by the engine test kit")
                    : ConditionEvaluationResult.disabled("a fixture: runs only through the engine test kit");
        }
    }
}
