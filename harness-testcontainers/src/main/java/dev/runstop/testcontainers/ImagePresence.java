package dev.runstop.testcontainers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import org.testcontainers.utility.DockerImageName;

/**
 * Makes sure an image is on the Docker host before a container is created from it: nothing if it is
 * there, else one pull, whose failure is an {@link ImagePullException} naming the image and the Docker
 * engine's reason. No retries: a registry that cannot be reached now will not be reached in the next
 * minutes either, and the group's start should say so at once.
 */
final class ImagePresence {
    private ImagePresence() {
    }

    /**
     * @param docker the Docker client
     * @param image the image's full name, such as {@code busybox:1.37}
     * @throws ImagePullException if the image is absent and the pull failed
     * @throws InterruptedException if interrupted while pulling (the actor's stop does that)
     */
    static void ensure(DockerClient docker, String image) throws InterruptedException {
        try {
            docker.inspectImageCmd(image).exec();
            return;
        } catch (NotFoundException absent) {
            // pull it below
        }
        DockerImageName name = DockerImageName.parse(image);
        try {
            docker.pullImageCmd(name.getUnversionedPart())
                    .withTag(name.getVersionPart())
                    .exec(new PullImageResultCallback())
                    .awaitCompletion();
        } catch (RuntimeException e) {
            throw new ImagePullException(image, firstLine(e), e);
        }
        try {
            docker.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw new ImagePullException(image, "the pull ended but the image is still not there", e);
        }
    }

    /** The Docker engine's own words, as in {@code Status 500: {"message":"..."}}, else the first line. */
    private static final java.util.regex.Pattern ENGINE_MESSAGE =
            java.util.regex.Pattern.compile("\\{\\s*\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        java.util.regex.Matcher engine = ENGINE_MESSAGE.matcher(message);
        if (engine.find()) {
            message = engine.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
