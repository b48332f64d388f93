package dev.runstop.readme.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.junit.Port;
import dev.runstop.junit.RunstopTest;
import dev.runstop.junit.Scope;
import org.junit.jupiter.api.Test;

// The README's shared scope: both classes use one app, started once.
@RunstopTest(factory = ShopApp.class, scope = Scope.SHARED)
class RefundTest {
    @Test
    void refunds(@Port("http") int port) {
        assertThat(port).isPositive();
    }
}

@RunstopTest(factory = ShopApp.class, scope = Scope.SHARED)
class ReturnsTest {
    @Test
    void returns(@Port("http") int port) {
        assertThat(port).isPositive();
    }
}
