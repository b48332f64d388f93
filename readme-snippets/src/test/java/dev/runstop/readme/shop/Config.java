package dev.runstop.readme.shop;

/** The configuration of the README's sample shop. */
public final class Config {
    private Config() {
    }

    /** @return a configuration for tests: ephemeral ports */
    public static Config forTests() {
        return new Config();
    }
}
