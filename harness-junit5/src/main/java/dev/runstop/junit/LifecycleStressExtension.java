package dev.runstop.junit;

import dev.runstop.Group;
import dev.runstop.stress.LifecycleStressFailure;
import dev.runstop.stress.StressResult;
import dev.runstop.stress.StressSeed;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Runs the cycles of a {@link LifecycleStress} test method before its body, and fails the test with the
 * first failing cycle. Registered by the annotation; keeps no state between tests, so stress tests run
 * in parallel like any others.
 */
public final class LifecycleStressExtension implements InvocationInterceptor {
    /** The configuration parameter that sets the seed of every stress test: {@code SEED} or {@code SEED:CYCLE}. */
    public static final String SEED_KEY = "runstop.stress.seed";

    /** Creates the extension; JUnit does, through {@link LifecycleStress}. */
    public LifecycleStressExtension() {
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        Method method = context.getRequiredTestMethod();
        LifecycleStress annotation = AnnotationSupport.findAnnotation(method, LifecycleStress.class).orElse(null);
        if (annotation == null) {
            invocation.proceed();
            return;
        }
        Class<?> testClass = context.getRequiredTestClass();
        String where = "@LifecycleStress on " + testClass.getName() + "." + method.getName();
        AppFactory factory = factoryOf(annotation, testClass, where);
        dev.runstop.stress.LifecycleStress stress = configure(annotation, factory, context, where);
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("runstop.stress.seed", StressSeed.format(stress.seed()));
        try {
            StressResult result = stress.run();
            entry.put("runstop.stress.cycles", String.valueOf(result.cycles()));
            entry.put("runstop.stress.result", result.toString());
            context.publishReportEntry(entry);
        } catch (LifecycleStressFailure failure) {
            entry.put("runstop.stress.cycles", "failed in cycle " + failure.cycle());
            entry.put("runstop.stress.replay", failure.replaySeed());
            context.publishReportEntry(entry);
            invocation.skip();
            throw failure;
        }
        invocation.proceed();
    }

    private static dev.runstop.stress.LifecycleStress configure(LifecycleStress annotation, AppFactory factory,
            ExtensionContext context, String where) {
        dev.runstop.stress.LifecycleStress stress = dev.runstop.stress.LifecycleStress.of(factory::create);
        try {
            stress.cycles(annotation.cycles());
            Optional<String> configured = context.getConfigurationParameter(SEED_KEY).filter(s -> !s.isBlank());
            if (configured.isPresent()) {
                stress.seed(StressSeed.parse(configured.get()));
            } else if (!annotation.seed().isBlank()) {
                stress.seed(StressSeed.parse(annotation.seed()));
            }
            if (!annotation.stopDeadline().isBlank()) {
                stress.stopDeadline(DurationText.parse(annotation.stopDeadline(), where + ": stopDeadline"));
            }
            if (!annotation.maxDelay().isBlank()) {
                stress.maxDelay(DurationText.parse(annotation.maxDelay(), where + ": maxDelay"));
            }
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
        }
        return stress;
    }

    private static AppFactory factoryOf(LifecycleStress annotation, Class<?> testClass, String where) {
        boolean hasClass = annotation.factory() != AppFactory.class;
        boolean hasMethod = !annotation.factoryMethod().isBlank();
        if (hasClass && hasMethod) {
            throw new ExtensionConfigurationException(where + " names both factory and factoryMethod; name one");
        }
        if (hasClass || hasMethod) {
            return factoryOf(annotation.factory(), annotation.factoryMethod(), testClass, where);
        }
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<RunstopTest> found = AnnotationSupport.findAnnotation(c, RunstopTest.class);
            if (found.isPresent()) {
                return factoryOf(found.get().factory(), found.get().factoryMethod(), c, "@RunstopTest on " + c.getName());
            }
        }
        throw new ExtensionConfigurationException(where + " does not know which app to stress: name it with"
                + " @LifecycleStress(factory = ...) or @LifecycleStress(factoryMethod = ...), or annotate the class with"
                + " @RunstopTest(factory = ...) or @RunstopTest(factoryMethod = ...)");
    }

    private static AppFactory factoryOf(Class<? extends AppFactory> type, String methodName, Class<?> testClass, String where) {
        if (type != AppFactory.class) {
            AppFactory instance;
            try {
                instance = ReflectionSupport.newInstance(type);
            } catch (RuntimeException e) {
                throw new ExtensionConfigurationException(where + ": cannot create factory " + type.getName()
                        + " (it needs a no-arg constructor): " + e, e);
            }
            return instance;
        }
        if (methodName.isBlank()) {
            throw new ExtensionConfigurationException(where + " names no factory and no factoryMethod");
        }
        Method method = ReflectionSupport.findMethod(testClass, methodName).orElseThrow(() -> new ExtensionConfigurationException(
                where + ": factoryMethod \"" + methodName + "\": " + testClass.getName() + " has no no-arg method of that name"));
        if (!Modifier.isStatic(method.getModifiers()) || !Group.class.isAssignableFrom(method.getReturnType())) {
            throw new ExtensionConfigurationException(where + ": factoryMethod \"" + methodName + "\": " + method
                    + " must be static and return " + Group.class.getName());
        }
        return () -> (Group) ReflectionSupport.invokeMethod(method, null);
    }
}
