/**
 * Testcontainers containers as actors of a runstop group: {@link dev.runstop.testcontainers.ContainerActor}
 * starts, watches and stops a container under the group's rules, and publishes its address as handles;
 * {@link dev.runstop.testcontainers.RequiresDocker} skips container tests where Docker is absent, and fails
 * them instead in CI.
 */
package dev.runstop.testcontainers;
