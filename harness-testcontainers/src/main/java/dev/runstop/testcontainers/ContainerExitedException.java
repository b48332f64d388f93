package dev.runstop.testcontainers;

import java.util.List;

/**
 * Thrown by a {@link ContainerActor}'s {@code run} when its container exits by itself, with a non-zero
 * exit code, while the group runs: the container's exit ends the group like any actor's failure. The
 * message names the image, the exit code (and what a code above 128 usually means) and the container's
 * last log lines.
 */
public final class ContainerExitedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String image;
    private final long exitCode;
    private final List<String> lastLogLines;

    ContainerExitedException(String actor, String image, String containerId, long exitCode, List<String> lastLogLines) {
        super("container " + image + " (actor '" + actor + "', id " + ContainerActor.shortId(containerId) + ") exited with "
                + exitCode + meaning(exitCode) + " while its group was running" + LogTail.describe(lastLogLines));
        this.image = image;
        this.exitCode = exitCode;
        this.lastLogLines = List.copyOf(lastLogLines);
    }

    private static String meaning(long code) {
        if (code == 137) {
            return " (SIGKILL: docker kill, or out of memory)";
        }
        if (code == 143) {
            return " (SIGTERM: docker stop)";
        }
        if (code > 128 && code < 128 + 65) {
            return " (killed by signal " + (code - 128) + ")";
        }
        return "";
    }

    /** @return the image the container ran, such as {@code busybox:1.37} */
    public String image() {
        return image;
    }

    /** @return the container's exit code: non-zero; 128 + n when signal n killed it */
    public long exitCode() {
        return exitCode;
    }

    /** @return the last lines the container printed (standard output and error), oldest first; may be empty */
    public List<String> lastLogLines() {
        return lastLogLines;
    }
}
