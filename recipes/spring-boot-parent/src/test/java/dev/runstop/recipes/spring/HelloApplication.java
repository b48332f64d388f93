package dev.runstop.recipes.spring;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A one-endpoint Spring Boot web application. */
@SpringBootApplication
@RestController
class HelloApplication {
    @GetMapping("/hello")
    String hello() {
        return "hello";
    }
}
