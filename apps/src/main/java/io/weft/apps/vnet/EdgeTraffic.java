package io.weft.apps.vnet;

import io.weft.southbound.api.Action;
import io.weft.southbound.api.FlowRule;
import io.weft.southbound.stats.FlowStats;
import io.weft.topology.virtual.Attachment;
import io.weft.topology.virtual.Traffic;
import java.util.Collection;
import java.util.Optional;
import org.onlab.packet.VlanId;
import org.onosproject.net.PortNumber;

/**
 * What one attachment sent and received, from the counters of one network's rules on the
 * attachment's switch. Every frame from an attachment enters through a rule that matches its
 * port (and VLAN), and every frame to it leaves through an output to its port with its VLAN
 * (or untagged), so the two sums are exact for the rules the switch still holds.
 */
final class EdgeTraffic {
    private EdgeTraffic() {
    }

    /** The rules with {@code cookie} that match frames arriving at the attachment. */
    static Traffic sent(Collection<FlowStats> flows, long cookie, Attachment attachment) {
        Traffic sum = Traffic.ZERO;
        for (FlowStats flow : flows) {
            FlowRule rule = flow.rule();
            if (rule.cookie() == cookie && rule.device().equals(attachment.point().device())
                    && arrivesFrom(rule, attachment)) {
                sum = sum.plus(new Traffic(flow.packets(), flow.bytes()));
            }
        }
        return sum;
    }

    /** The rules with {@code cookie} that send a copy of what they match out of the attachment. */
    static Traffic received(Collection<FlowStats> flows, long cookie, Attachment attachment) {
        Traffic sum = Traffic.ZERO;
        for (FlowStats flow : flows) {
            FlowRule rule = flow.rule();
            if (rule.cookie() == cookie && rule.device().equals(attachment.point().device())
                    && delivers(rule, attachment)) {
                sum = sum.plus(new Traffic(flow.packets(), flow.bytes()));
            }
        }
        return sum;
    }

    private static boolean arrivesFrom(FlowRule rule, Attachment attachment) {
        boolean port = rule.match().inPort().filter(p -> samePort(p, attachment.point().port())).isPresent();
        return port && (attachment.vlan().isEmpty() || rule.match().vlan().equals(attachment.vlan()));
    }

    /**
     * Whether an output of the rule leaves through the attachment: out of its port (named, or
     * {@link PortNumber#IN_PORT} when the rule matches that port) tagged as the attachment is,
     * following the tag through the actions before it. A whole-port attachment takes every
     * frame out of its port.
     */
    private static boolean delivers(FlowRule rule, Attachment attachment) {
        PortNumber port = attachment.point().port();
        Optional<VlanId> tag = rule.match().vlan();
        for (Action action : rule.actions()) {
            switch (action) {
                case Action.PushVlan push -> tag = Optional.of(push.vlan());
                case Action.SetVlan set -> tag = Optional.of(set.vlan());
                case Action.PopVlan pop -> tag = Optional.of(VlanId.NONE);
                case Action.Output output -> {
                    PortNumber out = output.port().equals(PortNumber.IN_PORT)
                            ? rule.match().inPort().orElse(PortNumber.IN_PORT) : output.port();
                    if (samePort(out, port) && (attachment.vlan().isEmpty() || tag.equals(attachment.vlan()))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean samePort(PortNumber a, PortNumber b) {
        return !a.isLogical() && !b.isLogical() && a.toLong() == b.toLong();
    }
}
