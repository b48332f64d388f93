package dev.runstop;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Finds the dependency cycles among a group's actors (Tarjan's strongly connected components). */
final class Dependencies {
    private Dependencies() {
    }

    /**
     * @param cells the actors, whose {@link ActorCell#publishers()} are the edges
     * @return for each actor in a cycle, the cycle's number; actors in no cycle are absent
     */
    static Map<ActorCell, Integer> cycles(ActorCell[] cells) {
        Tarjan t = new Tarjan();
        for (ActorCell c : cells) {
            if (!t.index.containsKey(c)) {
                t.visit(c);
            }
        }
        return t.cycleOf;
    }

    private static final class Tarjan {
        final Map<ActorCell, Integer> index = new IdentityHashMap<>();
        final Map<ActorCell, Integer> low = new IdentityHashMap<>();
        final Deque<ActorCell> stack = new ArrayDeque<>();
        final Map<ActorCell, Boolean> onStack = new IdentityHashMap<>();
        final Map<ActorCell, Integer> cycleOf = new HashMap<>();
        int counter;
        int cycles;

        void visit(ActorCell v) {
            index.put(v, counter);
            low.put(v, counter);
            counter++;
            stack.push(v);
            onStack.put(v, true);
            List<ActorCell> edges = v.publishers();
            for (ActorCell w : edges) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.getOrDefault(w, false)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                List<ActorCell> component = new java.util.ArrayList<>();
                ActorCell w;
                do {
                    w = stack.pop();
                    onStack.put(w, false);
                    component.add(w);
                } while (w != v);
                if (component.size() > 1) {
                    cycles++;
                    for (ActorCell c : component) {
                        cycleOf.put(c, cycles);
                    }
                }
            }
        }
    }
}
