package dev.runstop.readme.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Group;
import dev.runstop.junit.Port;
import dev.runstop.junit.RunstopExtension;
import dev.runstop.junit.RunstopTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// The README's field injection: one app per class (CheckoutTest) and one app per test (OrderTest).
@RunstopTest(factoryMethod = "app")
class CheckoutTest {
    @Port("http") static int port;                   // one app per class: static fields, set before the tests

    static Group app() { return Shop.group(Config.forTests()); }

    @Test
    void pays() throws Exception {
        assertThat(port).isPositive();
    }
}

class OrderTest {
    @RegisterExtension
    RunstopExtension app = RunstopExtension.forApp(() -> Shop.group(Config.forTests())); // one app per test

    @Port("http") int port;                          // one app per test: instance fields, set before each test

    @Test
    void orders() {
        assertThat(port).isPositive();
    }
}
