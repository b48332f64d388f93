package dev.runstop;

/**
 * Marks the threads an actor (or an app factory) creates, wherever they are created: the context class
 * loader of the actor's thread, which every thread created from it inherits (the JDK copies the
 * creating thread's context class loader into each new thread), and from those threads to theirs. It
 * only delegates to the loader the thread had before, so that loading classes and resources through it
 * gives the same classes; it never defines one. Holds no reference to the group, so threads that keep
 * it (the workers of a shared pool that an actor made grow) keep nothing of the group alive.
 */
final class CreatorTag extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private CreatorTag(String name, ClassLoader parent) {
        super(name, parent);
    }

    /**
     * Tags a thread that has not started yet.
     *
     * @return the tag, or null if the thread has no context class loader to delegate to (it is then
     *     tracked by its thread group only)
     */
    static CreatorTag tag(Thread thread, String label) {
        ClassLoader before = thread.getContextClassLoader();
        if (before == null) {
            return null;
        }
        CreatorTag tag = new CreatorTag("runstop:" + label, before);
        thread.setContextClassLoader(tag);
        return tag;
    }

    /** @return the tag a thread inherited, or null */
    static CreatorTag of(Thread thread) {
        ClassLoader l;
        try {
            l = thread.getContextClassLoader();
        } catch (RuntimeException e) {
            return null;
        }
        for (int depth = 0; l != null && depth < 8; depth++, l = l.getParent()) {
            if (l instanceof CreatorTag) {
                return (CreatorTag) l;
            }
        }
        return null;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        return getParent().loadClass(name); // the parent's class, exactly as without the tag
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        throw new ClassNotFoundException(name);
    }
}
