package dev.runstop.testcontainers;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * The condition behind {@link RequiresDocker}: enabled if Docker answers and Testcontainers can start its
 * resource reaper there; else disabled with the reason, or, when the environment variable {@code CI} is
 * {@code true}, a failure of the tests it guards. Never Testcontainers' minutes of pull retries.
 */
final class DockerCondition implements ExecutionCondition {
    static final String CI = "CI";

    private final Map<String, String> env;

    DockerCondition() {
        this(System.getenv());
    }

    DockerCondition(Map<String, String> env) {
        this.env = env;
    }

    /**
     * @return enabled if a Docker engine answers, disabled if not and {@code CI} is not {@code true}
     * @throws IllegalStateException if no Docker engine answers and {@code CI} is {@code true}
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> reaper = ReaperImage.problem(env);
        if (reaper.isPresent()) {
            return reaperMissing(reaper.get(), context.getDisplayName());
        }
        return evaluate(DockerClientFactory.instance().isDockerAvailable(), context.getDisplayName());
    }

    /**
     * A Docker engine answers, but Testcontainers' Ryuk image is not on it and cannot be pulled: disabled
     * with the reason, or under {@code CI=true} a failure with it; never Testcontainers' minutes of retries.
     */
    ConditionEvaluationResult reaperMissing(String why, String what) {
        String advice = "On a Docker host without registry access set " + ReaperImage.RYUK_DISABLED + "=true and"
                + " TESTCONTAINERS_HOST_OVERRIDE=localhost (README: Docker hosts that cannot reach a registry).";
        if ("true".equalsIgnoreCase(env.getOrDefault(CI, "").trim())) {
            throw new IllegalStateException(what + " needs Docker: a Docker engine answers, but Testcontainers' resource"
                    + " reaper cannot start: " + why + ". CI=true, so this is a failure, not a skip. " + advice);
        }
        return ConditionEvaluationResult.disabled("a Docker engine answers, but Testcontainers' resource reaper cannot"
                + " start: " + why + "; container tests skipped (with CI=true they would fail instead). " + advice);
    }

    ConditionEvaluationResult evaluate(boolean dockerAvailable, String what) {
        if (dockerAvailable) {
            return ConditionEvaluationResult.enabled("a Docker engine answers");
        }
        if ("true".equalsIgnoreCase(env.getOrDefault(CI, "").trim())) {
            throw new IllegalStateException(what + " needs Docker, and no Docker engine answers (DOCKER_HOST="
                    + env.getOrDefault("DOCKER_HOST", "unset") + "). CI=true, so this is a failure, not a skip: container"
                    + " tests must run in CI. Start a Docker engine before the build, or unset CI to skip them locally.");
        }
        return ConditionEvaluationResult.disabled("no Docker engine answers: container tests skipped (with CI=true they"
                + " would fail instead)");
    }
}
