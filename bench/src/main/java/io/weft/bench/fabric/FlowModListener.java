package io.weft.bench.fabric;

/**
 * Told of each flow mod an emulated fabric's switch received, after its table model took it,
 * while the fabric's lock is held: a listener may trace through the fabric at that instant.
 */
@FunctionalInterface
public interface FlowModListener {
    FlowModListener NONE = (switchIndex, delete, nanoTime) -> {
    };

    /**
     * @param delete   true for a DELETE or DELETE_STRICT, false for an ADD or MODIFY
     * @param nanoTime {@link System#nanoTime()} when the switch read the flow mod
     */
    void onFlowMod(int switchIndex, boolean delete, long nanoTime);
}
