package dev.runstop.internal;

import dev.runstop.Group;

/**
 * What runstop's own packages may do to a {@link Group} that apps may not: set its {@link LifecycleHooks}.
 * Not API. The implementation is installed by {@code Group} when it is loaded.
 */
public abstract class GroupAccess {
    private static volatile GroupAccess instance;

    /** @param access the implementation; set once, by {@code Group} */
    protected static void install(GroupAccess access) {
        instance = access;
    }

    /** @return the implementation */
    public static GroupAccess get() {
        GroupAccess access = instance;
        if (access == null) {
            try {
                Class.forName(Group.class.getName(), true, Group.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            access = instance;
        }
        return access;
    }

    /**
     * Sets the hooks a group runs with.
     *
     * @param group a group not yet started
     * @param hooks the hooks; {@link LifecycleHooks#NONE} for none
     * @return the group
     */
    public abstract Group hooks(Group group, LifecycleHooks hooks);
}
