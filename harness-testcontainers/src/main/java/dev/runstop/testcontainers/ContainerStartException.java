package dev.runstop.testcontainers;

import java.util.List;

/**
 * Thrown by a {@link ContainerActor}'s {@code run} when its container could not be started or did not
 * become ready (its wait strategy failed): the group's start then fails with this as the actor's error.
 * The message names the image, says what went wrong in one line and shows the container's last log
 * lines; the cause is Testcontainers' own exception.
 */
public final class ContainerStartException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String image;
    private final List<String> lastLogLines;

    ContainerStartException(String actor, String image, String reason, List<String> lastLogLines, Throwable cause) {
        super("container " + image + " (actor '" + actor + "') failed to start: " + reason + LogTail.describe(lastLogLines), cause);
        this.image = image;
        this.lastLogLines = List.copyOf(lastLogLines);
    }

    /** @return the image the container was to run, such as {@code busybox:1.37} */
    public String image() {
        return image;
    }

    /** @return the last lines the container printed before it was removed, oldest first; may be empty */
    public List<String> lastLogLines() {
        return lastLogLines;
    }
}
