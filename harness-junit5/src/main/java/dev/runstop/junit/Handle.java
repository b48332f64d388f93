package dev.runstop.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a value the app published with {@link dev.runstop.ActorContext#publish}, into a parameter of
 * a test method, lifecycle method or constructor, or into a field (static fields when the app is one
 * per class, set before the class's tests; instance fields in either scope, set before each test; not
 * final). By name, {@code @Handle("machine") TurnstileMachine m},
 * or without a name, {@code @Handle TurnstileMachine m}, for the one published value of the parameter's
 * type. Once every actor is ready, a value not published yet is waited for up to the handle grace
 * (configuration parameter {@code runstop.handle.grace}, default 2s). A name the app does not publish,
 * or a type no (or more than one) value has, fails with a
 * {@link org.junit.jupiter.api.extension.ParameterResolutionException} listing what the app publishes.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
public @interface Handle {

    /** @return the handle's name, or empty to look the value up by the parameter's type */
    String value() default "";
}
