package dev.runstop.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

class DockerConditionTest {

    @Test
    void runsWhereDockerAnswers() {
        ConditionEvaluationResult result = new DockerCondition(Map.of("CI", "true")).evaluate(true, "FeedTest");

        assertThat(result.isDisabled()).isFalse();
    }

    @Test
    void skipsWithoutDockerOutsideCi() {
        for (Map<String, String> env : java.util.List.of(Map.<String, String>of(), Map.of("CI", "false"), Map.of("CI", ""))) {
            ConditionEvaluationResult result = new DockerCondition(env).evaluate(false, "FeedTest");

            assertThat(result.isDisabled()).as("env %s", env).isTrue();
            assertThat(result.getReason().orElseThrow()).contains("no Docker engine answers: container tests skipped");
        }
    }

    @Test
    void failsWithoutDockerInCi() {
        DockerCondition condition = new DockerCondition(Map.of("CI", "true", "DOCKER_HOST", "tcp://127.0.0.1:1"));

        assertThatThrownBy(() -> condition.evaluate(false, "FeedTest"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("FeedTest needs Docker, and no Docker engine answers (DOCKER_HOST=tcp://127.0.0.1:1). CI=true,"
                        + " so this is a failure, not a skip: container tests must run in CI. Start a Docker engine before"
                        + " the build, or unset CI to skip them locally.");
    }

    /** A real Docker engine, asked for a reaper image no registry has: the answer comes at once, with the engine's reason. */
    @Test
    @RequiresDocker
    void aReaperImageThatCannotBePulledIsAReasonNotAStall() {
        java.util.Optional<String> problem = ReaperImage.problem("registry.invalid/testcontainers/ryuk:0.0.0");

        assertThat(problem).hasValueSatisfying(why -> assertThat(why)
                .startsWith("image registry.invalid/testcontainers/ryuk:0.0.0 is not on the Docker host and could not be pulled: ")
                .contains("registry.invalid"));

        ConditionEvaluationResult skipped = new DockerCondition(Map.of()).reaperMissing(problem.get(), "FeedTest");
        assertThat(skipped.isDisabled()).isTrue();
        assertThat(skipped.getReason().orElseThrow())
                .contains("a Docker engine answers, but Testcontainers' resource reaper cannot start: image registry.invalid/")
                .contains("container tests skipped").contains("TESTCONTAINERS_RYUK_DISABLED=true");
        assertThatThrownBy(() -> new DockerCondition(Map.of("CI", "true")).reaperMissing(problem.get(), "FeedTest"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("FeedTest needs Docker: a Docker engine answers, but Testcontainers' resource reaper"
                        + " cannot start: image registry.invalid/");
    }

    @Test
    void withRyukOffNothingIsPulled() {
        assertThat(ReaperImage.problem(Map.of("TESTCONTAINERS_RYUK_DISABLED", "true"))).isEmpty();
    }

    /** The Ryuk image asked for is the one the Testcontainers on the class path starts. */
    @Test
    void theReaperImageIsTheOneTestcontainersStarts() throws Exception {
        String classFile;
        try (java.io.InputStream in = org.testcontainers.DockerClientFactory.class.getResourceAsStream(
                "/org/testcontainers/utility/RyukContainer.class")) {
            classFile = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        java.util.regex.Matcher image = java.util.regex.Pattern.compile("testcontainers/ryuk:[0-9][0-9A-Za-z.-]*").matcher(classFile);
        assertThat(image.find()).as("RyukContainer names its image").isTrue();
        assertThat(ReaperImage.RYUK).isEqualTo(image.group());
        assertThat(ReaperImage.image()).endsWith(ReaperImage.RYUK);
    }
}
