package dev.runstop.readme.shop;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.runstop.junit.RunstopTest;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

@Retention(RUNTIME) @Target(TYPE)
@RunstopTest(factory = ShopApp.class, stopDeadline = "2s")
@interface ShopTest { }
