package dev.runstop.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Group;
import dev.runstop.junit.Handle;
import dev.runstop.junit.RunstopTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A minimal Spring Boot application as an actor, closed on stop. Spring Boot's background-preinit
 * thread may still be warming up caches when the app stops: shared by design, it ends on its own.
 */
@RunstopTest(factoryMethod = "app")
class SpringBootAppTest {
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Config {
        @Bean
        String greeting() {
            return "hello from spring";
        }
    }

    static Group app() {
        return new Group("spring").add("context", ctx -> {
            SpringApplication app = new SpringApplication(Config.class);
            app.setWebApplicationType(WebApplicationType.NONE);
            app.setBannerMode(Banner.Mode.OFF);
            app.setRegisterShutdownHook(false);
            app.setLogStartupInfo(false);
            try (ConfigurableApplicationContext context = app.run()) {
                ctx.publish("greeting", context.getBean("greeting", String.class));
                ctx.awaitStop();
            }
        });
    }

    @Test
    void startsAndServesItsBean(@Handle("greeting") String greeting) {
        assertThat(greeting).isEqualTo("hello from spring");
    }
}
