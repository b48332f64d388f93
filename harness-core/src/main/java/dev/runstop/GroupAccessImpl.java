package dev.runstop;

import dev.runstop.internal.GroupAccess;
import dev.runstop.internal.LifecycleHooks;

/** Gives runstop's own packages what apps may not have: a group's lifecycle hooks. */
final class GroupAccessImpl extends GroupAccess {
    private GroupAccessImpl() {
    }

    static void install() {
        GroupAccess.install(new GroupAccessImpl());
    }

    @Override
    public Group hooks(Group group, LifecycleHooks hooks) {
        return group.hooks(hooks);
    }
}
