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
}
