package io.weft.bench.discovery;

import io.weft.bench.CpuMeter;
import io.weft.bench.fabric.Fabric;
import io.weft.bench.rest.HeapProbe;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;

/**
 * What one discovery run measured; times in nanoseconds, empty where the moment never came.
 *
 * @param connectSpan          from the first switch connecting to the last one (the controller asked for its features)
 * @param fromFirstConnect     from the first switch connecting until the REST API reported every link
 * @param fromLastConnect      from the last switch connected until then
 * @param fromLastProbed       from the moment the controller had probed every switch (so knew them all) until then
 * @param heap                 the controller's heap after a full GC with the whole fabric connected, if measured
 * @param answeredAfterHeap    whether the REST API still answered, with every link, after the heap was measured
 * @param pathInstalled        from two hosts' first frames until the controller had installed their path both ways
 * @param reroutes             the re-route rounds, warm-up included
 * @param rerouteNote          why there are none, if there are none
 * @param discoveryCpu         where the machine's CPU went from the first switch connecting to every link reported
 * @param rerouteCpu           and during the re-route rounds
 */
record DiscoveryResult(String label, Fabric fabric, int connected, long connectSpan, OptionalLong fromFirstConnect,
                       OptionalLong fromLastConnect, OptionalLong fromLastProbed, int linksKnown, int linksExpected,
                       int unexpectedLinks, long polls, Duration slowestPoll, Optional<HeapProbe.Heap> heap,
                       Optional<Boolean> answeredAfterHeap, OptionalLong pathInstalled,
                       List<RerouteRun.Round> reroutes, String rerouteNote, Optional<CpuMeter.Share> discoveryCpu,
                       Optional<CpuMeter.Share> rerouteCpu, SortedMap<String, Long> benchCounters) {
    DiscoveryResult {
        reroutes = List.copyOf(reroutes);
    }

    boolean complete() {
        return fromFirstConnect.isPresent();
    }

    List<RerouteRun.Round> measuredReroutes() {
        return reroutes.stream().filter(r -> !r.warmup()).toList();
    }
}
