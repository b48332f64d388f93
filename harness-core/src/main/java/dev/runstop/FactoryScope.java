package dev.runstop;

import java.util.concurrent.Callable;

/**
 * The thread group and creator tag an app factory runs in ({@link Group#fromFactory}), so that threads
 * the factory starts (an executor made while the app is built, before its group starts) are checked
 * with the group's, and reported as leaked by {@code '<group>' factory}.
 */
final class FactoryScope {
    final ThreadGroup threadGroup;
    final CreatorTag tag;
    private final Thread runner;
    private Object result;
    private Throwable failure;

    private FactoryScope(Callable<? extends Group> factory) {
        Thread caller = Thread.currentThread();
        this.threadGroup = Threads.runtimeGroup("runstop:factory");
        this.runner = new Thread(threadGroup, () -> {
            try {
                result = factory.call();
            } catch (Throwable t) {
                failure = t;
            }
        }, caller.getName() + "/factory");
        runner.setDaemon(true);
        runner.setContextClassLoader(caller.getContextClassLoader());
        this.tag = CreatorTag.tag(runner, "factory");
    }

    /** Runs the factory on a thread of the scope and waits for it; an interrupt is passed on to it. */
    static Group build(Callable<? extends Group> factory, boolean origins) throws Exception {
        if (factory == null) {
            throw new IllegalArgumentException("app factory must not be null");
        }
        if (origins) {
            ThreadOrigins.start();
        }
        FactoryScope scope = new FactoryScope(factory);
        scope.runner.start();
        boolean interrupted = false;
        while (true) {
            try {
                scope.runner.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                scope.runner.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (scope.failure != null) {
            Threads.release(scope.threadGroup);
            if (scope.failure instanceof Exception) {
                throw (Exception) scope.failure;
            }
            if (scope.failure instanceof Error) {
                throw (Error) scope.failure;
            }
            throw new IllegalStateException(scope.failure);
        }
        if (!(scope.result instanceof Group)) {
            Threads.release(scope.threadGroup);
            return null;
        }
        Group group = (Group) scope.result;
        group.adoptFactory(scope);
        return group;
    }

    /** The group ended: its thread group goes once empty. */
    void release() {
        Threads.release(threadGroup);
    }
}
