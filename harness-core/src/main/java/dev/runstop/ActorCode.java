package dev.runstop;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;

/**
 * The application classes an actor is made of: the top-level class of the actor, or, for actors this
 * library builds from functions ({@link Actors#of}, {@link Group#add(String, Actor.Body)},
 * {@link Actors#service}), of those functions. Common-pool work is matched to an actor by them: the pool's
 * threads belong to no one, but the code a worker runs says whose work it is.
 */
final class ActorCode {
    private ActorCode() {
    }

    /** @return the top-level names of the application classes the actor is made of */
    static Set<String> hosts(Actor actor) {
        Set<String> out = new HashSet<>();
        collect(actor, out, 0);
        return out;
    }

    /** @return the top-level class name of a class or frame class name: {@code a.B} for {@code a.B$C} */
    static String topLevel(String className) {
        int nested = className.indexOf('$');
        return nested < 0 ? className : className.substring(0, nested);
    }

    private static void collect(Object o, Set<String> out, int depth) {
        if (o == null || depth > 3) {
            return;
        }
        Class<?> type = o.getClass();
        String host;
        try {
            host = topLevel(type.getNestHost().getName());
        } catch (RuntimeException | LinkageError e) {
            host = topLevel(type.getName());
        }
        if (host.startsWith("java.") || host.startsWith("jdk.") || host.startsWith("sun.")) {
            return;
        }
        if (!ThreadSnapshot.isRuntimeFrame(host)) {
            out.add(host);
            return;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    collect(f.get(o), out, depth + 1);
                } catch (RuntimeException | IllegalAccessException | LinkageError unreadable) {
                    // a field this library cannot read tells nothing
                }
            }
        }
    }
}
