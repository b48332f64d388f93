package dev.runstop.testcontainers;

import com.github.dockerjava.api.DockerClient;
import java.util.Map;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

/**
 * Whether Testcontainers' resource reaper (Ryuk) can start on this Docker host: its image is there, or one
 * pull of it succeeds. Testcontainers starts Ryuk before the first container and retries its pull for
 * minutes when no registry answers; asking first, without Testcontainers' own client (which would start
 * Ryuk), turns that stall into a reason given at once. Asked once per JVM.
 */
final class ReaperImage {
    /** Testcontainers' switch: {@code true} runs no Ryuk (then nothing needs pulling). */
    static final String RYUK_DISABLED = "TESTCONTAINERS_RYUK_DISABLED";

    /** Guarded by the class: the answer for {@link #image()}, once asked. */
    private static Optional<String> problem;

    private ReaperImage() {
    }

    /** The Ryuk image of the Testcontainers version this module is built against (its {@code RyukContainer}). */
    static final String RYUK = "testcontainers/ryuk:0.14.0";

    /** The Ryuk image Testcontainers would pull, after its image name substitution (such as a registry mirror). */
    static String image() {
        return ImageNameSubstitutor.instance().apply(DockerImageName.parse(RYUK)).asCanonicalNameString();
    }

    /**
     * @param env the environment ({@value #RYUK_DISABLED} is read from it)
     * @return why Ryuk cannot start here, or empty if it can (or is turned off, or no Docker engine answers:
     *     that is told elsewhere)
     */
    static synchronized Optional<String> problem(Map<String, String> env) {
        if (Boolean.parseBoolean(env.getOrDefault(RYUK_DISABLED, "").trim())) {
            return Optional.empty();
        }
        if (problem == null) {
            problem = problem(image());
        }
        return problem;
    }

    /** @return why the image is neither on the Docker host nor pullable, or empty if it is (or no engine answers) */
    static Optional<String> problem(String image) {
        DockerClient docker;
        try {
            docker = DockerClientProviderStrategy.getClientForConfig(DockerClientFactory.instance().getTransportConfig());
        } catch (RuntimeException noEngine) {
            return Optional.empty();
        }
        try (DockerClient client = docker) {
            ImagePresence.ensure(client, image);
            return Optional.empty();
        } catch (ImagePullException e) {
            return Optional.of(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while pulling " + image);
        } catch (java.io.IOException e) {
            return Optional.empty(); // closing the probe's client failed after its answer
        }
    }
}
