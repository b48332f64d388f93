package dev.runstop.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.ActorException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * One leak of each kind that used to pass green, each reported against the right app with the line of
 * code that started the thread: run while the clean app classes of this module run in parallel, on
 * Java 17 and 25, with the machine's CPU count and as if on 8 CPUs.
 */
class PlantedLeaksTest {
    @AfterAll
    static void releaseThePlantedThreads() {
        Planted.RELEASE.countDown();
    }

    @Test
    void anExecutorMadeInTheAppFactoryIsReportedAsTheFactorysWithTheLineThatStartedIt() {
        Throwable failure = Fixtures.run(FactoryExecutorLeakApp.class).classFailure(FactoryExecutorLeakApp.class);

        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains("did not stop cleanly: 'factory-leak' factory leaked thread 'pool-")
                .contains("started at dev.runstop.leaks.FactoryExecutorLeakApp.app(FactoryExecutorLeakApp.java:")
                .contains("reproduce: ");
        ActorException leak = (ActorException) failure.getCause();
        assertThat(leak.problem()).isEqualTo(ActorException.Problem.THREAD_LEAKED);
        assertThat(leak.actor()).isEqualTo("(factory)");
    }

    @Test
    void aThreadInAThreadGroupALibraryMadeUnderTheRootIsReportedAgainstTheActor() {
        Throwable failure = Fixtures.run(LibraryThreadGroupLeakApp.class).classFailure(LibraryThreadGroupLeakApp.class);

        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains("did not stop cleanly: actor 'client' leaked thread 'vendor-poller'")
                .contains("started at dev.runstop.leaks.LibraryThreadGroupLeakApp$VendorLibrary.connect(LibraryThreadGroupLeakApp.java:");
        assertThat(((ActorException) failure.getCause()).actor()).isEqualTo("client");
    }

    @Test
    void runAsyncWorkLeftRunningIsReportedWhateverTheCpuCount() {
        boolean commonPool = runAsyncUsesTheCommonPool();
        Throwable failure;
        try {
            failure = Fixtures.run(RunAsyncLeakApp.class).classFailure(RunAsyncLeakApp.class);
        } finally {
            RunAsyncLeakApp.RELEASE.countDown();
        }

        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains("did not stop cleanly: actor 'reports' leaked thread '")
                .contains("at dev.runstop.leaks.RunAsyncLeakApp.refreshForever(RunAsyncLeakApp.java:");
        if (commonPool) {
            // 3 CPUs or more (any count from Java 25 on): the work runs on a common-pool worker, which no one started for the app
            assertThat(failure.getMessage()).contains("leaked thread 'ForkJoinPool.commonPool-worker-")
                    .contains("(common-pool work of this actor, running dev.runstop.leaks.RunAsyncLeakApp.refreshForever(RunAsyncLeakApp.java:");
        } else {
            // fewer CPUs before Java 25: CompletableFuture starts a thread per task, from the actor's code
            assertThat(failure.getMessage()).contains("started at dev.runstop.leaks.RunAsyncLeakApp.lambda$app$");
        }
        assertThat(((ActorException) failure.getCause()).actor()).isEqualTo("reports");
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void aVirtualThreadLeftRunningIsReportedAgainstTheActor() {
        Throwable failure = Fixtures.run(VirtualThreadLeakApp.class).classFailure(VirtualThreadLeakApp.class);

        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains("did not stop cleanly: actor 'fanout' leaked thread 'vt-fanout' (virtual thread"
                + " running this actor's code at dev.runstop.leaks.VirtualThreadLeakApp.waitForever(VirtualThreadLeakApp.java:");
        assertThat(((ActorException) failure.getCause()).actor()).isEqualTo("fanout");
    }

    /** Where this JVM runs {@code runAsync} work: on the common pool, or on a new thread per task. */
    private static boolean runAsyncUsesTheCommonPool() {
        Thread ran = CompletableFuture.supplyAsync(Thread::currentThread).join();
        return ran instanceof ForkJoinWorkerThread && ((ForkJoinWorkerThread) ran).getPool() == ForkJoinPool.commonPool();
    }
}
