package io.weft.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@code weft watch} prints for each kind of event, from the JSON the API sends. */
class EventLinesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String HEAD = "\"revision\":7,\"time\":\"2026-01-02T03:04:05Z\",";

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            "type":"device.disconnected","device":{"id":"of:0000000000000001","available":false} | of:0000000000000001 (unavailable)
            "type":"port.updated","device":"of:0000000000000001","port":{"port":2,"up":false} | of:0000000000000001/2 down
            "type":"link.removed","link":{"src":{"device":"of:01","port":2},"dst":{"device":"of:02","port":1}} | of:01/2 > of:02/1
            "type":"host.moved","host":{"mac":"00:00:00:00:00:01","vlan":10,"location":{"device":"of:02","port":1}},"previousLocation":{"device":"of:01","port":1} | 00:00:00:00:00:01 vlan 10 at of:02/1 (from of:01/1)
            "type":"flow.removed","flow":{"device":"of:01","cookie":"0x5703000000000000","reason":"IDLE_TIMEOUT"} | of:01 cookie 0x5703000000000000 IDLE_TIMEOUT
            "type":"tenant.updated","tenant":"blue","element":{"id":"blue","tokens":2} | blue
            "type":"attachment.added","tenant":"blue","element":{"id":"att-1","vlan":10} | blue att-1 vlan 10
            "type":"network.removed","tenant":"blue","network":"web","element":{"id":"web","kind":"big-switch"} | blue/web big-switch
            "type":"virtual_port.added","tenant":"blue","network":"web","element":{"switch":"big","port":1,"attachment":"att-1"} | blue/web big:1 (att-1)
            "type":"virtual_link.added","tenant":"blue","network":"lab","element":{"id":"vs1:1-vs2:1"} | blue/lab vs1:1-vs2:1
            "type":"virtual_host.removed","tenant":"blue","network":"web","element":{"mac":"00:00:00:00:00:02"} | blue/web 00:00:00:00:00:02
            """)
    void oneLinePerEvent(String fields, String about) throws Exception {
        String type = fields.substring(fields.indexOf(":\"") + 2, fields.indexOf("\","));
        assertThat(EventLines.line(MAPPER.readTree("{" + HEAD + fields + "}")))
                .isEqualTo("7 2026-01-02T03:04:05Z " + type + " " + about);
    }
}
