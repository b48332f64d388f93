package dev.runstop.junit.stress;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Marks a fixture class that runs only through the engine test kit, which sets {@value #ENABLED_KEY}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(StressFixture.OnlyInFixtureRun.class)
@interface StressFixture {
    /** The configuration parameter that enables these fixtures. */
    String ENABLED_KEY = "runstop.test.stress-fixtures";

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
