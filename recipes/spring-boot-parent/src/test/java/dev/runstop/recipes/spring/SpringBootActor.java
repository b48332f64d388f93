package dev.runstop.recipes.spring;

import dev.runstop.Actor;
import dev.runstop.Actors;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Recipe: a Spring Boot web application as an actor. Start runs the application (ready once the context
 * is refreshed), publishes {@code local.server.port} as port handle {@code http}; stop closes the
 * context. The JVM shutdown hook is off: the group decides when the application stops.
 */
final class SpringBootActor {
    private SpringBootActor() {
    }

    static Actor of(Class<?> application, String... args) {
        AtomicReference<ConfigurableApplicationContext> context = new AtomicReference<>();
        return Actors.service(ctx -> {
            SpringApplication spring = new SpringApplication(application);
            spring.setRegisterShutdownHook(false);
            context.set(spring.run(args));
            ctx.publishPort("http", context.get().getEnvironment().getRequiredProperty("local.server.port", Integer.class));
        }, () -> context.get().close());
    }
}
