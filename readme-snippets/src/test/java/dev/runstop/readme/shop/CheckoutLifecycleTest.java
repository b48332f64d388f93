package dev.runstop.readme.shop;

import dev.runstop.Group;
import dev.runstop.junit.LifecycleStress;
import dev.runstop.junit.RunstopTest;

@RunstopTest(factoryMethod = "app")
class CheckoutLifecycleTest {
    static Group app() { return Checkout.group(Config.forTests()); }

    @LifecycleStress(cycles = 200)
    void startsAndStopsCleanly() { }
}
