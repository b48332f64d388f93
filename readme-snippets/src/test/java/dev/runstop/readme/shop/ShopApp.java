package dev.runstop.readme.shop;

import dev.runstop.Group;
import dev.runstop.junit.AppFactory;

/** The shop as an {@link AppFactory}. */
public final class ShopApp implements AppFactory {
    @Override
    public Group create() {
        return Shop.group(Config.forTests());
    }
}
