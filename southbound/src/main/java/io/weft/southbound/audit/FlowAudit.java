package io.weft.southbound.audit;

import io.weft.metrics.Counters;
import io.weft.southbound.api.FlowEntry;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.FlowRuleService;
import io.weft.topology.device.DeviceEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.onosproject.net.DeviceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits every connected switch's tables against Weft's flow table ({@link
 * FlowRuleService#rules}): first {@code hold} after it connects, so that after a restart the
 * apps have found the network again and re-sent what they want before anything is judged, then
 * every {@code interval}, each switch on its own phase. {@link AuditPlan} says what a difference
 * means; the repairs go to the switch as one batch.
 *
 * <p>One audit per device is in flight at a time; one that completes after its device
 * disconnected or connected again is dropped ({@code flows.audit.stale}).
 *
 * <p>Counters: {@code flows.audit.{reads,read_failed,stale,repaired,missing,unexpected,expired,
 * left_to_expire,foreign_kept,foreign_removed,repair_failed}}.
 */
public final class FlowAudit {
    private static final Logger log = LoggerFactory.getLogger(FlowAudit.class);

    /**
     * @param interval time between two audits of a switch
     * @param hold     time from a switch connecting to its first audit
     * @param foreign  what to do with rules that are not Weft's
     */
    public record Settings(Duration interval, Duration hold, ForeignRules foreign) {
        public Settings {
            Objects.requireNonNull(foreign, "foreign");
            if (interval.isNegative() || interval.isZero() || hold.isNegative()) {
                throw new IllegalArgumentException("the audit interval must be positive and the hold not negative");
            }
        }
    }

    private final FlowRuleService flowRules;
    private final Executor executor;
    private final Predicate<FlowRule> inScope;
    private final Settings settings;
    private final Clock clock;
    private final Counters counters;
    /** When each connected device's next audit is due; guarded by this. */
    private final Map<DeviceId, Instant> due = new HashMap<>();
    /** The audit in flight of each device; guarded by this. */
    private final Map<DeviceId, Object> inFlight = new HashMap<>();

    /**
     * @param executor where a switch's rules, once read, are judged: not the thread that read
     *                 them, which serves switches
     * @param inScope  the Weft rules this audit judges; an app that audits its own rules against
     *                 its own model is left out
     */
    public FlowAudit(FlowRuleService flowRules, Executor executor, Predicate<FlowRule> inScope, Settings settings,
                     Clock clock, Counters counters) {
        this.flowRules = flowRules;
        this.executor = executor;
        this.inScope = inScope;
        this.settings = settings;
        this.clock = clock;
        this.counters = counters;
    }

    public void onDeviceEvent(DeviceEvent event) {
        DeviceId device = event.device().id();
        synchronized (this) {
            switch (event.type()) {
                case DEVICE_CONNECTED -> {
                    due.put(device, clock.instant().plus(settings.hold()));
                    inFlight.remove(device);
                }
                case DEVICE_DISCONNECTED -> {
                    due.remove(device);
                    inFlight.remove(device);
                }
                default -> {
                }
            }
        }
    }

    /** Starts the audits that are due: to be called often (every second or so). */
    public void tick() {
        Instant now = clock.instant();
        Map<DeviceId, Object> starting = new HashMap<>();
        synchronized (this) {
            for (Map.Entry<DeviceId, Instant> next : due.entrySet()) {
                DeviceId device = next.getKey();
                if (!next.getValue().isAfter(now) && !inFlight.containsKey(device)) {
                    Object audit = new Object();
                    inFlight.put(device, audit);
                    next.setValue(now.plus(settings.interval()));
                    starting.put(device, audit);
                }
            }
        }
        starting.forEach(this::start);
    }

    private void start(DeviceId device, Object audit) {
        List<FlowEntry> before = flowRules.rules(device);
        CompletableFuture<List<FlowRule>> read;
        try {
            read = flowRules.read(device, 0, 0);
        } catch (RuntimeException e) {
            read = CompletableFuture.failedFuture(e);
        }
        read.whenCompleteAsync((held, error) -> finish(device, audit, before, held, error), executor);
    }

    private void finish(DeviceId device, Object audit, List<FlowEntry> before, List<FlowRule> held, Throwable error) {
        synchronized (this) {
            if (!inFlight.remove(device, audit)) {
                counters.increment("flows.audit.stale");
                return;
            }
        }
        if (error != null) {
            counters.increment("flows.audit.read_failed");
            log.warn("auditing {} failed: its rules could not be read: {}", device, error.toString());
            return;
        }
        counters.increment("flows.audit.reads");
        AuditPlan plan = AuditPlan.of(device, before, flowRules.rules(device), held, inScope, settings.foreign());
        plan.forgotten().forEach(flowRules::forget);
        counters.add("flows.audit.missing", plan.missing());
        counters.add("flows.audit.unexpected", plan.unexpected());
        counters.add("flows.audit.expired", plan.expired());
        counters.add("flows.audit.left_to_expire", plan.leftToExpire());
        counters.add("flows.audit.foreign_kept", plan.foreignKept());
        counters.add("flows.audit.foreign_removed", plan.foreignRemoved());
        counters.add("flows.audit.repaired", plan.repaired());
        if (plan.operations().isEmpty()) {
            return;
        }
        log.info("{} lacked {} rules Weft sent it and held {} it did not and {} of other owners: repairing", device,
                plan.missing(), plan.unexpected(), plan.foreignRemoved());
        CompletableFuture<Void> repair;
        try {
            repair = flowRules.apply(device, plan.operations());
        } catch (RuntimeException e) {
            repair = CompletableFuture.failedFuture(e);
        }
        repair.whenComplete((ok, failure) -> {
            if (failure != null) {
                counters.increment("flows.audit.repair_failed");
                log.warn("repairing {} failed; the next audit tries again: {}", device, failure.toString());
            }
        });
    }

    /** Devices with an audit in flight now (for tests). */
    synchronized int inFlight() {
        return inFlight.size();
    }
}
