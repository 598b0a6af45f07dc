package io.weft.southbound.stats;

import io.weft.southbound.api.FlowRule;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.onosproject.net.DeviceId;

/**
 * What one poll of a device found.
 *
 * @param polledAt           when the last reply of the poll arrived
 * @param ports              the device's ports, reserved ports (such as the local one) left out
 * @param flows              every rule of every table that the model can express
 * @param tables             the tables that hold rules or have seen a lookup; a switch may have
 *                           hundreds of tables, and an idle, empty one says nothing
 * @param inexpressibleFlows rules the device holds that the model cannot express (other owners'
 *                           rules with other match fields or instructions), left out of {@code flows}
 */
public record DeviceStats(DeviceId device, Instant polledAt, List<PortStats> ports,
                          List<FlowStats> flows, List<TableStats> tables, int inexpressibleFlows) {
    public DeviceStats {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(polledAt, "polledAt");
        ports = List.copyOf(ports);
        flows = List.copyOf(flows);
        tables = List.copyOf(tables);
        if (inexpressibleFlows < 0) {
            throw new IllegalArgumentException("inexpressibleFlows must not be negative, was " + inexpressibleFlows);
        }
    }

    /** The flows by their rule, to look up the counters of rules one believes a device holds. */
    public Map<FlowRule, FlowStats> flowsByRule() {
        Map<FlowRule, FlowStats> byRule = new HashMap<>(flows.size() * 2);
        flows.forEach(flow -> byRule.put(flow.rule(), flow));
        return byRule;
    }
}
