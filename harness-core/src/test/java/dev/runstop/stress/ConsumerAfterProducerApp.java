package dev.runstop.stress;

import dev.runstop.Actor;
import dev.runstop.ActorContext;
import dev.runstop.Group;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Corpus: a consumer blocked on an empty queue after its producer stopped. The consumer's stop only sets a
 * flag and counts on the next item to wake it; the producer sends its last item when it is stopped, so
 * when the producer is stopped first, nothing ever wakes the consumer again.
 */
final class ConsumerAfterProducerApp {
    static final Object END = "end of stream";
    static final Object WAKE = "wake up";

    private ConsumerAfterProducerApp() {
    }

    static Group buggy(Leftovers leftovers) {
        BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        return HealthyActors.addTo(new Group("consumer-after-producer")
                .add("producer", new Producer(queue))
                .add("consumer", new BuggyConsumer(queue, leftovers)));
    }

    static Group fixed() {
        BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        return HealthyActors.addTo(new Group("consumer-after-producer")
                .add("producer", new Producer(queue))
                .add("consumer", new FixedConsumer(queue)));
    }

    /** Sends one event when it starts and END when it is stopped. */
    static final class Producer implements Actor {
        private final BlockingQueue<Object> queue;
        private final CountDownLatch stopped = new CountDownLatch(1);

        Producer(BlockingQueue<Object> queue) {
            this.queue = queue;
        }

        @Override
        public void run(ActorContext ctx) throws InterruptedException {
            if (stopped.getCount() > 0) {
                queue.offer("started");
            }
            stopped.await();
        }

        @Override
        public void stop(Throwable cause) {
            if (stopped.getCount() > 0) {
                stopped.countDown();
                queue.offer(END);
            }
        }
    }

    /** Takes items until it notices its stop flag, which it only looks at when an item arrives. */
    static final class BuggyConsumer implements Actor {
        private final BlockingQueue<Object> queue;
        private final Leftovers leftovers;
        private volatile boolean stopped;

        BuggyConsumer(BlockingQueue<Object> queue, Leftovers leftovers) {
            this.queue = queue;
            this.leftovers = leftovers;
        }

        @Override
        public void run(ActorContext ctx) throws InterruptedException {
            leftovers.track(Thread.currentThread());
            while (true) {
                queue.take();
                if (stopped) {
                    return;
                }
            }
        }

        @Override
        public void stop(Throwable cause) {
            stopped = true;
        }
    }

    /** The fix: stop wakes the consumer itself instead of counting on the producer. */
    static final class FixedConsumer implements Actor {
        private final BlockingQueue<Object> queue;
        private volatile boolean stopped;

        FixedConsumer(BlockingQueue<Object> queue) {
            this.queue = queue;
        }

        @Override
        public void run(ActorContext ctx) throws InterruptedException {
            while (!stopped) {
                queue.take();
            }
        }

        @Override
        public void stop(Throwable cause) {
            stopped = true;
            queue.offer(WAKE);
        }
    }
}
