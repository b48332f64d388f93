/**
 * The JUnit Jupiter extension for runstop apps: {@link dev.runstop.junit.RunstopTest} and
 * {@link dev.runstop.junit.RunstopExtension} start an app's {@link dev.runstop.Group} for a test class,
 * inject its ports and handles ({@link dev.runstop.junit.Port}, {@link dev.runstop.junit.Handle}), fail the
 * test during which it stops unexpectedly, and fail the class when it does not stop cleanly.
 */
package dev.runstop.junit;
