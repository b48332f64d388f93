package dev.runstop.junit;

import dev.runstop.Group;
import dev.runstop.stress.LifecycleStressFailure;
import dev.runstop.stress.StressResult;
import dev.runstop.stress.StressMode;
import dev.runstop.stress.StressSeed;
import dev.runstop.stress.StressShard;
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
    /** The configuration parameter that sets the mode of every stress test: {@code pct} or {@code random}. */
    public static final String MODE_KEY = "runstop.stress.mode";
    /** The configuration parameter that runs one shard of every stress test: {@code INDEX/COUNT}, such as {@code 2/8}. */
    public static final String SHARD_KEY = "runstop.stress.shard";

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
        RunstopExtension.StressApp classApp = classApp(testClass, context);
        AppFactory factory = factoryOf(annotation, testClass, where, classApp);
        dev.runstop.stress.LifecycleStress stress = configure(annotation, factory, context, where, classApp);
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("runstop.stress.seed", StressSeed.format(stress.seed()));
        try {
            StressResult result = stress.run();
            entry.put("runstop.stress.cycles", String.valueOf(result.cycles()));
            entry.put("runstop.stress.mode", result.mode().toString());
            result.boundText().ifPresent(b -> entry.put("runstop.stress.bound", b));
            result.shard().ifPresent(sh -> entry.put("runstop.stress.shard", sh + ": cycles " + result.fromCycle() + " to "
                    + (result.toCycle() - 1) + " of " + result.totalCycles()));
            result.replayNote().ifPresent(n -> entry.put("runstop.stress.replay", n));
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
            ExtensionContext context, String where, RunstopExtension.StressApp classApp) {
        dev.runstop.stress.LifecycleStress stress = dev.runstop.stress.LifecycleStress.of(factory::create);
        try {
            if (annotation.cycles() != 0) {
                stress.cycles(annotation.cycles());
            }
            Optional<String> configured = context.getConfigurationParameter(SEED_KEY).filter(s -> !s.isBlank());
            if (configured.isPresent()) {
                stress.seed(StressSeed.parse(configured.get()));
            } else if (!annotation.seed().isBlank()) {
                stress.seed(StressSeed.parse(annotation.seed()));
            }
            Optional<String> mode = context.getConfigurationParameter(MODE_KEY).filter(s -> !s.isBlank());
            if (mode.isPresent()) {
                stress.mode(StressMode.parse(mode.get()));
            } else if (!annotation.mode().isBlank()) {
                stress.mode(StressMode.parse(annotation.mode()));
            } else {
                stress.mode(dev.runstop.stress.LifecycleStress.DEFAULT_MODE);
            }
            if (annotation.depth() != 0) {
                stress.depth(annotation.depth());
            }
            Optional<String> shard = context.getConfigurationParameter(SHARD_KEY).filter(s -> !s.isBlank());
            if (shard.isPresent()) {
                stress.shard(StressShard.parse(shard.get()));
            }
            if (!annotation.stopDeadline().isBlank()) {
                stress.stopDeadline(DurationText.parse(annotation.stopDeadline(), where + ": stopDeadline"));
            } else if (classApp != null && classApp.stopDeadline() != null) {
                stress.stopDeadline(classApp.stopDeadline());
            }
            if (!annotation.startDeadline().isBlank()) {
                stress.startDeadline(DurationText.parse(annotation.startDeadline(), where + ": startDeadline"));
            } else if (classApp != null) {
                stress.startDeadline(classApp.startDeadline());
            }
            if (!annotation.leakLinger().isBlank()) {
                String linger = annotation.leakLinger().trim();
                stress.leakLinger(linger.matches("0+(\\.0+)?\\s*(ms|s|m|h)?") ? java.time.Duration.ZERO
                        : DurationText.parse(linger, where + ": leakLinger"));
            }
            if (!annotation.maxDelay().isBlank()) {
                stress.maxDelay(DurationText.parse(annotation.maxDelay(), where + ": maxDelay"));
            }
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": " + e.getMessage(), e);
        }
        return stress;
    }

    /** @return the app of the class's {@code @RunstopTest} or registered {@link RunstopExtension}, with its settings; null if none */
    private static RunstopExtension.StressApp classApp(Class<?> testClass, ExtensionContext context) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && RunstopExtension.class.isAssignableFrom(f.getType())
                        && f.isAnnotationPresent(org.junit.jupiter.api.extension.RegisterExtension.class)) {
                    Object value = ReflectionSupport.tryToReadFieldValue(f, null).toOptional().orElse(null);
                    if (value != null) {
                        return ((RunstopExtension) value).stressApp(context, c);
                    }
                }
            }
            if (AnnotationSupport.findAnnotation(c, RunstopTest.class).isPresent()) {
                return new RunstopExtension().stressApp(context, c);
            }
        }
        return null;
    }

    private static AppFactory factoryOf(LifecycleStress annotation, Class<?> testClass, String where,
            RunstopExtension.StressApp classApp) {
        boolean hasClass = annotation.factory() != AppFactory.class;
        boolean hasMethod = !annotation.factoryMethod().isBlank();
        if (hasClass && hasMethod) {
            throw new ExtensionConfigurationException(where + " names both factory and factoryMethod; name one");
        }
        if (hasClass || hasMethod) {
            return factoryOf(annotation.factory(), annotation.factoryMethod(), testClass, where);
        }
        if (classApp != null) {
            return classApp.factory();
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
