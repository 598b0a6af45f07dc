package io.weft.southbound.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.metrics.Counters;
import io.weft.southbound.api.Action;
import io.weft.southbound.api.AppId;
import io.weft.southbound.api.Cookies;
import io.weft.southbound.api.FlowEntry;
import io.weft.southbound.api.FlowOperation;
import io.weft.southbound.api.FlowRemovedEvent;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.api.FlowRuleService;
import io.weft.southbound.api.FlowSlot;
import io.weft.southbound.api.FlowTable;
import io.weft.southbound.api.TrafficMatch;
import io.weft.topology.MutableClock;
import io.weft.topology.device.Device;
import io.weft.topology.device.DeviceDescription;
import io.weft.topology.device.DeviceEvent;
import io.weft.topology.device.DeviceIds;
import io.weft.topology.event.EventListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;

class FlowAuditTest {
    private static final DeviceId S1 = DeviceIds.fromDatapathId(1);
    private static final Device DEVICE = new Device(S1, new DeviceDescription("Nicira, Inc.", "Open vSwitch", "3.1.0",
            "None", "OF_13"), true, List.of());
    private static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final Duration HOLD = Duration.ofSeconds(7);
    private static final FlowRule PUNT = new FlowRule(S1, 0, 65000, TrafficMatch.ANY.withEthType(0x88cc),
            List.of(Action.output(PortNumber.CONTROLLER)), Cookies.cookie(new AppId(2, "discovery"), 0), 0, 0);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final Counters counters = new Counters();
    private final FakeSwitch sw = new FakeSwitch();
    /** Rules of app 4 are left to that app, as the controller leaves the tenants' to theirs. */
    private final FlowAudit audit = audit(ForeignRules.KEEP);

    private FlowAudit audit(ForeignRules foreign) {
        return new FlowAudit(sw, Runnable::run, rule -> Cookies.appId(rule.cookie()) != 4,
                new FlowAudit.Settings(INTERVAL, HOLD, foreign), clock, counters);
    }

    @Test
    void aSwitchIsFirstAuditedAHoldAfterItConnectsThenOnceAnInterval() {
        connect();
        audit.tick();
        clock.advance(HOLD.minusMillis(1));
        audit.tick();
        assertThat(sw.reads).as("reads within the hold").isZero();

        clock.advance(Duration.ofMillis(1));
        audit.tick();
        audit.tick();
        assertThat(sw.reads).as("reads once the hold is over").isEqualTo(1);

        clock.advance(INTERVAL.minusMillis(1));
        audit.tick();
        assertThat(sw.reads).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        audit.tick();
        assertThat(sw.reads).isEqualTo(2);
        assertThat(counters.get("flows.audit.reads")).isEqualTo(2);
    }

    @Test
    void aRuleDeletedByHandIsPutBackAndCounted() {
        sw.apply(S1, List.of(FlowOperation.add(PUNT)));
        connect();
        sw.held.clear();

        clock.advance(HOLD);
        audit.tick();

        assertThat(sw.held).containsExactly(PUNT);
        assertThat(counters.get("flows.audit.missing")).isEqualTo(1);
        assertThat(counters.get("flows.audit.repaired")).isEqualTo(1);
    }

    @Test
    void strayAndForeignRulesGoAsConfiguredAndAnotherAppsAreLeftToIt() {
        FlowAudit removing = audit(ForeignRules.REMOVE);
        FlowRule stray = new FlowRule(S1, 0, 5, TrafficMatch.ANY.withEthType(0x86dd), List.of(),
                Cookies.cookie(AppId.CORE, 7), 0, 0);
        FlowRule foreign = new FlowRule(S1, 0, 6, TrafficMatch.ANY.withEthType(0x0800), List.of(), 0x1234L, 0, 0);
        FlowRule tenants = new FlowRule(S1, 0, 7, TrafficMatch.ANY.withEthType(0x0806), List.of(),
                Cookies.cookie(new AppId(4, "vnet"), 9), 0, 0);
        sw.apply(S1, List.of(FlowOperation.add(PUNT)));
        sw.held.addAll(List.of(stray, foreign, tenants));
        removing.onDeviceEvent(new DeviceEvent(DeviceEvent.Type.DEVICE_CONNECTED, DEVICE, Optional.empty()));

        clock.advance(HOLD);
        removing.tick();

        assertThat(sw.held).containsExactlyInAnyOrder(PUNT, tenants);
        assertThat(counters.get("flows.audit.unexpected")).isEqualTo(1);
        assertThat(counters.get("flows.audit.foreign_removed")).isEqualTo(1);
        assertThat(counters.get("flows.audit.repaired")).isEqualTo(2);
    }

    @Test
    void aTimedRuleThatExpiredWhileNobodyWasToldIsForgotten() {
        FlowRule path = new FlowRule(S1, 0, 10, TrafficMatch.ANY.withInPort(PortNumber.portNumber(1)),
                List.of(Action.output(PortNumber.portNumber(2))), Cookies.cookie(new AppId(3, "forwarding"), 0), 30, 0);
        sw.apply(S1, List.of(FlowOperation.add(path)));
        connect();
        sw.held.clear();

        clock.advance(HOLD);
        audit.tick();

        assertThat(sw.held).isEmpty();
        assertThat(sw.rules(S1)).isEmpty();
        assertThat(counters.get("flows.audit.expired")).isEqualTo(1);
    }

    @Test
    void oneAuditPerSwitchIsInFlightAndOneThatOutlivesItsConnectionIsDropped() {
        sw.deferReads = true;
        sw.apply(S1, List.of(FlowOperation.add(PUNT)));
        connect();
        clock.advance(HOLD);
        audit.tick();
        clock.advance(INTERVAL.multipliedBy(3));
        audit.tick();
        assertThat(sw.reads).as("reads while one is unanswered").isEqualTo(1);
        assertThat(audit.inFlight()).isEqualTo(1);

        audit.onDeviceEvent(new DeviceEvent(DeviceEvent.Type.DEVICE_DISCONNECTED, DEVICE, Optional.empty()));
        connect();
        sw.held.clear();
        sw.pendingRead.complete(List.of());

        assertThat(counters.get("flows.audit.stale")).isEqualTo(1);
        assertThat(sw.held).as("nothing repaired from a read of the earlier connection").isEmpty();
        clock.advance(INTERVAL);
        audit.tick();
        assertThat(sw.reads).as("after the reconnect's hold, one read of the new connection").isEqualTo(2);
    }

    @Test
    void aFailedReadIsCountedAndTheNextIntervalTriesAgain() {
        sw.failReads = true;
        connect();
        clock.advance(HOLD);
        audit.tick();
        assertThat(counters.get("flows.audit.read_failed")).isEqualTo(1);

        sw.failReads = false;
        clock.advance(INTERVAL);
        audit.tick();
        assertThat(counters.get("flows.audit.reads")).isEqualTo(1);
    }

    private void connect() {
        audit.onDeviceEvent(new DeviceEvent(DeviceEvent.Type.DEVICE_CONNECTED, DEVICE, Optional.empty()));
    }

    /** A switch that holds what it is sent, whose table the test may change behind Weft's back. */
    private static final class FakeSwitch implements FlowRuleService {
        final FlowTable believed = new FlowTable();
        final List<FlowRule> held = new ArrayList<>();
        boolean deferReads;
        boolean failReads;
        CompletableFuture<List<FlowRule>> pendingRead;
        int reads;

        @Override
        public CompletableFuture<Void> apply(DeviceId device, List<FlowOperation> operations) {
            for (FlowOperation op : operations) {
                believed.sent(op);
                held.removeIf(rule -> FlowSlot.of(rule).equals(FlowSlot.of(op.rule())));
                if (op.type() != FlowOperation.Type.REMOVE) {
                    held.add(op.rule());
                }
                believed.confirmed(op);
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<List<FlowRule>> read(DeviceId device, long cookie, long cookieMask) {
            reads++;
            if (failReads) {
                return CompletableFuture.failedFuture(new IllegalStateException("no flow statistics"));
            }
            if (deferReads) {
                pendingRead = new CompletableFuture<>();
                return pendingRead;
            }
            return CompletableFuture.completedFuture(List.copyOf(held));
        }

        @Override
        public void forget(FlowRule rule) {
            believed.forget(rule);
        }

        @Override
        public List<FlowEntry> rules(DeviceId device) {
            return believed.entries(device);
        }

        @Override
        public void addFlowRemovedListener(EventListener<FlowRemovedEvent> listener) {
        }
    }
}
