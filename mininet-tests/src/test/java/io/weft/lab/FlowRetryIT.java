package io.weft.lab;

import static io.weft.lab.LabAssertions.assertAllConnected;
import static io.weft.lab.OpenFlowVersion.OF_13;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A switch refuses rules: its table is full (an Open vSwitch flow limit with the refuse
 * policy, so it answers OFPFMFC_TABLE_FULL). The rules path forwarding wants are shown FAILED
 * over REST, with the switch's error, how many times they were sent again and when the next
 * retry is due; once the table has room, a retry installs them, without any new traffic.
 */
class FlowRetryIT {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STATE_TIMEOUT = Duration.ofSeconds(20);
    private static final long PATH_COOKIE = 0x5703_0000_0000_0000L;

    @RegisterExtension
    static final WeftLab lab = new WeftLab("""
            flow-retry:
              initial-delay: 500ms
              max-delay: 2s
              max-attempts: 50
            """);

    @Test
    void rulesASwitchRefusesAreShownFailedAndRetriedUntilItTakesThem() {
        try (MininetNetwork network = lab.network("single,2", OF_13)) {
            assertAllConnected(network.waitConnected(CONNECT_TIMEOUT), "after the network started");
            String device = network.wiring().deviceId("s1");
            int held = Poll.until("the table-miss and LLDP rules on s1", STATE_TIMEOUT,
                    () -> network.dumpFlows().getOrDefault("s1", List.of()).size(), n -> n >= 2).value();
            HostCommand.vsctl("--", "--id=@full", "create", "Flow_Table", "flow_limit=" + held,
                    "overflow_policy=refuse", "--", "set", "Bridge", "s1", "flow_tables:0=@full");
            try {
                // Pings until Weft knows both hosts (ports settle as edges first), so that path forwarding
                // asks for h1<->h2; the frames are delivered either way.
                Poll.until("h1 and h2 known to Weft", STATE_TIMEOUT, () -> {
                    network.pingPairs(List.of(new HostPair("h1", "h2")), 1, Duration.ofSeconds(5), false);
                    return lab.api().hosts().size();
                }, n -> n >= 2);
                network.pingPairs(List.of(new HostPair("h1", "h2")), 1, Duration.ofSeconds(5), false);
                List<JsonNode> retrying = Poll.until("path rules FAILED and being retried", STATE_TIMEOUT,
                        () -> pathRules(device), rules -> !rules.isEmpty() && rules.stream().allMatch(r ->
                                r.path("state").asText().equals("FAILED") && r.path("attempts").asInt() >= 1
                                        && r.has("nextRetry"))).value();
                assertThat(retrying).allSatisfy(rule -> assertThat(rule.path("error").asText()).contains("TABLE_FULL"));
                assertThat(network.dumpFlows().get("s1")).as("s1 with its table full")
                        .noneMatch(f -> f.cookie() == PATH_COOKIE);
            } finally {
                HostCommand.vsctl("clear", "Bridge", "s1", "flow_tables");
            }
            List<JsonNode> installed = Poll.until("path rules INSTALLED once s1 has room", STATE_TIMEOUT,
                    () -> pathRules(device), rules -> !rules.isEmpty() && rules.stream().allMatch(r ->
                            r.path("state").asText().equals("INSTALLED"))).value();
            assertThat(network.dumpFlows().get("s1").stream().filter(f -> f.cookie() == PATH_COOKIE).count())
                    .as("path rules on s1").isEqualTo(installed.size());
            Metrics metrics = lab.api().metrics();
            assertThat(metrics.value("weft_flows_retry_succeeded_total")).as("rules a retry installed")
                    .isGreaterThanOrEqualTo(installed.size());
            assertThat(metrics.value("weft_flows_retry_gave_up_total")).isZero();
            System.out.printf("[lab] retry: %d path rules refused (TABLE_FULL), retried with backoff, installed once"
                    + " s1 had room; %.0f retries sent%n", installed.size(), metrics.value("weft_flows_retry_sent_total"));
        }
    }

    private static List<JsonNode> pathRules(String device) {
        List<JsonNode> rules = new ArrayList<>();
        lab.api().get("/api/v1/devices/" + device + "/flows").path("flows").forEach(rule -> {
            if (rule.path("cookie").asText().equals("0x%016x".formatted(PATH_COOKIE))) {
                rules.add(rule);
            }
        });
        return rules;
    }
}
