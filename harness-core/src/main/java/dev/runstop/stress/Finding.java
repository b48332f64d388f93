package dev.runstop.stress;

import dev.runstop.ActorException;

/** One problem a cycle found: which actor, what kind, in words, and the throwable that shows it. */
final class Finding {
    final String actor;
    final ActorException.Problem problem;
    final String message;
    final Throwable error;

    Finding(String actor, ActorException.Problem problem, String message, Throwable error) {
        this.actor = actor;
        this.problem = problem;
        this.message = message;
        this.error = error;
    }
}
