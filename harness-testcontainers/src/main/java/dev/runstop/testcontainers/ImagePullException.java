package dev.runstop.testcontainers;

/**
 * A container's image is not on the Docker host and one pull of it failed. Thrown on the start thread of
 * a {@link ContainerActor} before the container is created, so a start that cannot succeed fails at
 * once, instead of in Testcontainers' pull retries, and no container is left behind. The actor reports it
 * as the reason of its {@link ContainerStartException}.
 */
final class ImagePullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ImagePullException(String image, String why, Throwable cause) {
        super("image " + image + " is not on the Docker host and could not be pulled: " + why
                + " (no registry reachable? build, load or tag the image locally first; `docker images` lists what is there)",
                cause);
    }
}
