package dev.runstop.readme.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.junit.Port;
import org.junit.jupiter.api.Test;

/** The README's meta-annotation, used. */
@ShopTest
class MetaAnnotationTest {
    @Test
    void theShopRuns(@Port("http") int port) {
        assertThat(port).isPositive();
    }
}
