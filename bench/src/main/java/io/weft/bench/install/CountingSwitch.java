package io.weft.bench.install;

import io.netty.buffer.ByteBuf;
import io.weft.bench.ofswitch.EmulatedSwitch;
import io.weft.bench.ofswitch.SwitchBehaviour;
import java.util.concurrent.atomic.AtomicLong;

/** A switch that takes every flow mod as installed and counts it: its receive rate is the install ceiling. */
final class CountingSwitch implements SwitchBehaviour {
    private final AtomicLong flowMods = new AtomicLong();
    private final AtomicLong barriers = new AtomicLong();

    @Override
    public void onFlowMod(EmulatedSwitch sw, ByteBuf frame) {
        flowMods.lazySet(flowMods.get() + 1);
    }

    @Override
    public void onBarrier(EmulatedSwitch sw) {
        barriers.lazySet(barriers.get() + 1);
    }

    long flowMods() {
        return flowMods.get();
    }

    long barriers() {
        return barriers.get();
    }
}
