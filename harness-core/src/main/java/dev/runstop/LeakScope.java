package dev.runstop;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the leak check of one running group knows of who made which thread: the actors' thread groups,
 * the creator tag of each actor's thread ({@link CreatorTag}), the app factory's scope, the thread groups
 * that existed before the group started, and each actor's application classes (for common-pool work).
 * Scopes of running groups are listed JVM-wide, so that evidence two groups could claim counts for
 * neither: such a thread is shared.
 */
final class LeakScope {
    private static final Set<LeakScope> RUNNING = ConcurrentHashMap.newKeySet();

    /** Who a thread belongs to: an actor of the group, or its factory. */
    record Owner(ActorCell cell) {
        static final Owner FACTORY = new Owner(null);

        boolean isFactory() {
            return cell == null;
        }
    }

    final String group;
    final ThreadGroup root;
    /** The group's own thread group, which holds its actors' thread groups. */
    private final ThreadGroup own;
    final FactoryScope factory;
    /** Written before the actors' threads start, read after they ended. */
    private final Map<CreatorTag, ActorCell> tags = new IdentityHashMap<>();
    private final Map<ActorCell, Set<String>> code = new ConcurrentHashMap<>();
    private final Set<ThreadGroup> groupsBefore;
    /** Set once a thread the group's actors made starts a virtual thread (Java 21+). */
    final VirtualThreadCheck.Flag virtualFlag = new VirtualThreadCheck.Flag();

    LeakScope(String group, ThreadGroup own, ThreadGroup outside, FactoryScope factory) {
        this.group = group;
        this.own = own;
        this.factory = factory;
        this.root = Threads.top(outside);
        Set<ThreadGroup> before = Collections.newSetFromMap(new IdentityHashMap<>());
        before.addAll(Threads.groupsOutsideRuntime(root)); // groups' own thread groups are judged by where they are
        this.groupsBefore = before;
        RUNNING.add(this);
    }

    /** Tags an actor's thread before it starts. */
    void tag(ActorCell cell, Thread thread) {
        CreatorTag tag = CreatorTag.tag(thread, group + "/" + cell.name);
        if (tag != null) {
            tags.put(tag, cell);
        }
        code.put(cell, ActorCode.hosts(cell.actor));
    }

    void close() {
        RUNNING.remove(this);
    }

    /**
     * @return who made the thread by the evidence of its thread group and its creator tag; null if it is
     *     none of this group's; {@link Ambiguous} when the evidence does not point at one owner for sure
     */
    Object ownerOf(Thread t, ActorCell[] cells) {
        ThreadGroup g = t.getThreadGroup();
        if (g == null) {
            return null; // ended
        }
        for (ActorCell c : cells) {
            if (c.threadGroup != null && Threads.isIn(t, c.threadGroup)) {
                return new Owner(c);
            }
        }
        if (factory != null && Threads.isIn(t, factory.threadGroup)) {
            return Owner.FACTORY;
        }
        CreatorTag tag = CreatorTag.of(t);
        if (tag == null) {
            return null;
        }
        Owner byTag = factory != null && tag == factory.tag ? Owner.FACTORY : tags.containsKey(tag) ? new Owner(tags.get(tag)) : null;
        if (byTag == null) {
            return null;
        }
        String who = byTag.isFactory() ? "'" + group + "' factory" : "actor '" + byTag.cell().name + "'";
        if (groupsBefore.contains(g)) {
            return new Ambiguous("of thread group '" + g.getName() + "', which existed before group '" + group
                    + "' started: a pool made before the group that " + who + " made grow");
        }
        if (Threads.isIn(t, Threads.RUNTIME_GROUPS) && !Threads.isIn(t, own)) {
            return new Ambiguous("made by " + who + " in thread group '" + g.getName() + "' of another group");
        }
        return byTag;
    }

    /** Evidence that points at no one for sure: the thread counts as shared, for this reason. */
    record Ambiguous(String why) {
    }

    /**
     * @return the first actor (in the order they were added) whose application classes include this
     *     top-level class, if no other running group's do; {@link Ambiguous} if another's do; null if none
     */
    Object ownerOfCode(String host, ActorCell[] cells) {
        ActorCell found = null;
        for (ActorCell c : cells) {
            Set<String> hosts = code.get(c);
            if (hosts != null && hosts.contains(host)) {
                found = c;
                break;
            }
        }
        if (found == null) {
            return null;
        }
        for (LeakScope other : RUNNING) {
            if (other != this && other.code.values().stream().anyMatch(s -> s.contains(host))) {
                return new Ambiguous("running code of class " + host + ", which actors of group '" + other.group
                        + "' run too");
            }
        }
        return new Owner(found);
    }
}
