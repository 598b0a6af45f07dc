package io.weft.bench.fabric;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which port is cabled to which, and which cables are cut. Thread-safe: the switches' event
 * loops look peers up while the bench cuts and restores cables.
 */
public final class Wiring {
    private final Map<Endpoint, Cable> cables;
    private final Map<Integer, List<Cable>> bySwitch;
    private final Set<Cable> cut = ConcurrentHashMap.newKeySet();

    public Wiring(Fabric fabric) {
        Map<Endpoint, Cable> byEnd = new HashMap<>();
        Map<Integer, List<Cable>> adjacent = new HashMap<>();
        for (Cable cable : fabric.cables()) {
            byEnd.put(cable.a(), cable);
            byEnd.put(cable.b(), cable);
            adjacent.computeIfAbsent(cable.a().switchIndex(), i -> new ArrayList<>()).add(cable);
            adjacent.computeIfAbsent(cable.b().switchIndex(), i -> new ArrayList<>()).add(cable);
        }
        this.cables = Map.copyOf(byEnd);
        this.bySwitch = Map.copyOf(adjacent);
    }

    /** Hops from switch {@code from} to every switch it reaches over cables that are not cut. */
    public Map<Integer, Integer> hopsFrom(int from) {
        Map<Integer, Integer> hops = new HashMap<>(Map.of(from, 0));
        Deque<Integer> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            int at = queue.poll();
            for (Cable cable : bySwitch.getOrDefault(at, List.of())) {
                int next = cable.a().switchIndex() == at ? cable.b().switchIndex() : cable.a().switchIndex();
                if (!cut.contains(cable) && !hops.containsKey(next)) {
                    hops.put(next, hops.get(at) + 1);
                    queue.add(next);
                }
            }
        }
        return hops;
    }

    /** True if switch {@code to} can be reached from {@code from} over cables that are not cut, nor {@code without}. */
    public boolean reachable(int from, int to, Cable without) {
        Set<Integer> seen = new HashSet<>(List.of(from));
        Deque<Integer> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            int at = queue.poll();
            if (at == to) {
                return true;
            }
            for (Cable cable : bySwitch.getOrDefault(at, List.of())) {
                if (cable.equals(without) || cut.contains(cable)) {
                    continue;
                }
                int next = cable.a().switchIndex() == at ? cable.b().switchIndex() : cable.a().switchIndex();
                if (seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        return false;
    }

    /** The cable plugged into {@code end}, cut or not. */
    public Optional<Cable> cableAt(Endpoint end) {
        return Optional.ofNullable(cables.get(end));
    }

    /** The port at the other end of {@code end}'s cable, if it has one and it is not cut. */
    public Optional<Endpoint> peer(Endpoint end) {
        Cable cable = cables.get(end);
        return cable == null || cut.contains(cable) ? Optional.empty() : Optional.of(cable.peer(end));
    }

    public boolean isCut(Cable cable) {
        return cut.contains(cable);
    }

    void setCut(Cable cable, boolean isCut) {
        if (!cable.equals(cables.get(cable.a()))) {
            throw new IllegalArgumentException(cable + " is not a cable of this fabric");
        }
        if (isCut) {
            cut.add(cable);
        } else {
            cut.remove(cable);
        }
    }
}
