package io.weft.bench.fabric;

import io.netty.buffer.ByteBuf;
import io.weft.bench.ofswitch.EmulatedSwitch;
import io.weft.bench.ofswitch.SwitchBehaviour;

/** One switch of an {@link EmulatedFabric}: hands what the controller sends it to the fabric. */
final class FabricSwitch implements SwitchBehaviour {
    private final EmulatedFabric fabric;
    private final int index;

    FabricSwitch(EmulatedFabric fabric, int index) {
        this.fabric = fabric;
        this.index = index;
    }

    @Override
    public void onFeaturesSent(EmulatedSwitch sw) {
        fabric.register(index, sw);
    }

    @Override
    public void onPacketOut(EmulatedSwitch sw, ByteBuf frame) {
        fabric.packetOut(index, frame);
    }

    @Override
    public void onFlowMod(EmulatedSwitch sw, ByteBuf frame) {
        fabric.flowMod(index, frame);
    }

    @Override
    public void onDisconnected(EmulatedSwitch sw) {
        fabric.unregister(index, sw);
    }
}
