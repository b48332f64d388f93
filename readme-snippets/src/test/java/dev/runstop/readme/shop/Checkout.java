package dev.runstop.readme.shop;

import dev.runstop.Group;

/** The README's checkout app, for the lifecycle stress example. */
public final class Checkout {
    private Checkout() {
    }

    /**
     * @param config the configuration
     * @return a new, unstarted group
     */
    public static Group group(Config config) {
        return Shop.group(config);
    }
}
