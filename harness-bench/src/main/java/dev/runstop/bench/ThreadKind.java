package dev.runstop.bench;

import java.util.concurrent.ThreadFactory;

/** Platform or virtual threads, for the baselines; virtual threads are looked up reflectively (Java 21+). */
enum ThreadKind {
    PLATFORM,
    VIRTUAL;

    /** @return true if this JVM has virtual threads (Java 21 or later) */
    static boolean virtualAvailable() {
        return Runtime.version().feature() >= 21;
    }

    /** @return the label used in result params: {@code platform} or {@code virtual} */
    String label() {
        return this == PLATFORM ? "platform" : "virtual";
    }

    /**
     * @param prefix the threads' names, followed by a counter from 0
     * @return a factory of daemon platform threads, or of virtual threads, named {@code prefix<n>}
     */
    ThreadFactory factory(String prefix) {
        if (this == PLATFORM) {
            return new ThreadFactory() {
                private int next;

                @Override
                public synchronized Thread newThread(Runnable body) {
                    Thread t = new Thread(body, prefix + next++);
                    t.setDaemon(true);
                    return t;
                }
            };
        }
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> type = Class.forName("java.lang.Thread$Builder");
            builder = type.getMethod("name", String.class, long.class).invoke(builder, prefix, 0L);
            return (ThreadFactory) type.getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException e) {
            throw new UnsupportedOperationException("virtual threads need Java 21 or later; this JVM is Java "
                    + Runtime.version().feature(), e);
        }
    }
}
