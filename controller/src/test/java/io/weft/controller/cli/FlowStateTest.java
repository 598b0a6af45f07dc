package io.weft.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The STATE column of {@code weft flows}: the state, why it failed, and when it is retried. */
class FlowStateTest {
    private static JsonNode flow(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    @Test
    void showsTheErrorAndTheNextRetry() throws Exception {
        assertThat(PhysicalCommands.state(flow("{\"state\":\"INSTALLED\"}"))).isEqualTo("INSTALLED");
        assertThat(PhysicalCommands.state(flow("{\"state\":\"FAILED\",\"error\":\"TABLE_FULL\"}")))
                .isEqualTo("FAILED (TABLE_FULL)");
        assertThat(PhysicalCommands.state(flow("""
                {"state":"FAILED","error":"TABLE_FULL","attempts":2,"nextRetry":"2026-01-02T03:04:09Z"}""")))
                .isEqualTo("FAILED (TABLE_FULL; retry 3 at 2026-01-02T03:04:09Z)");
        assertThat(PhysicalCommands.state(flow("""
                {"state":"FAILED","error":"gave up after 6 attempt(s): TABLE_FULL","attempts":6,"gaveUp":true}""")))
                .isEqualTo("FAILED (gave up after 6 attempt(s): TABLE_FULL)");
    }
}
