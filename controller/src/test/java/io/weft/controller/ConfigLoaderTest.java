package io.weft.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.southbound.audit.ForeignRules;
import io.weft.southbound.retry.FlowRetryConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("weft.yaml"), yaml);
    }

    @Test
    void readsEveryKeyAndKeepsDefaultsForTheRest() throws IOException {
        WeftConfig config = ConfigLoader.load(file("""
                data-dir: /var/lib/weft
                openflow:
                  address: 127.0.0.1
                  port: 6633
                  echo-interval: 2s
                  barrier-timeout: 1500ms
                  event-loops: 3
                  spin-before-sleep: 20us
                forwarding:
                  idle-timeout: 1m
                  priority: 20
                """));
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/weft"));
        assertThat(config.openflow().address()).isEqualTo("127.0.0.1");
        assertThat(config.openflow().port()).isEqualTo(6633);
        assertThat(config.openflow().echoInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.openflow().barrierTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.openflow().eventLoops()).isEqualTo(3);
        assertThat(config.openflow().spinBeforeSleep()).isEqualTo(Duration.ofNanos(20_000));
        assertThat(config.openflow().maxMessageBytes()).isEqualTo(WeftConfig.DEFAULTS.openflow().maxMessageBytes());
        assertThat(config.forwarding().idleTimeoutSeconds()).isEqualTo(60);
        assertThat(config.forwarding().priority()).isEqualTo(20);
        assertThat(config.packetInQueue()).isEqualTo(WeftConfig.DEFAULTS.packetInQueue());
    }

    @Test
    void readsForwardingDiscoveryAndHostKeys() throws IOException {
        WeftConfig config = ConfigLoader.load(file("""
                forwarding: {mode: learning}
                discovery:
                  probe-interval: 1s
                  probe-max-age: 2s
                  link-timeout: 5s
                  edge-settle: 500ms
                  secret: 0123456789abcdef0123
                hosts:
                  idle-timeout: 2m
                  move-hold-down: 3s
                  max-hosts: 50
                  max-ips-per-host: 2
                """));
        assertThat(config.forwardingMode()).isEqualTo(ForwardingMode.LEARNING);
        assertThat(config.discovery()).isEqualTo(new DiscoverySettings(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofMillis(500), java.util.Optional.of("0123456789abcdef0123")));
        assertThat(config.hosts()).isEqualTo(new io.weft.topology.host.HostConfig(Duration.ofMinutes(2),
                Duration.ofSeconds(3), 50, 2));
    }

    @Test
    void readsTheFlowAuditIntervalAndRefusesOneBelowASecond() throws IOException {
        assertThat(WeftConfig.DEFAULTS.flowAuditInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ConfigLoader.load(file("flow-audit-interval: 5s\n")).flowAuditInterval())
                .isEqualTo(Duration.ofSeconds(5));
        Path tooOften = file("flow-audit-interval: 200ms\n");
        assertThatThrownBy(() -> ConfigLoader.load(tooOften)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("flow-audit-interval must be at least 1s");
    }

    @Test
    void keepsOtherOwnersRulesUnlessToldToRemoveThemAndRefusesAnythingElse() throws IOException {
        assertThat(WeftConfig.DEFAULTS.foreignRules()).isEqualTo(ForeignRules.KEEP);
        assertThat(ConfigLoader.load(file("flow-audit-foreign-rules: remove\n")).foreignRules())
                .isEqualTo(ForeignRules.REMOVE);
        assertThat(ConfigLoader.load(file("flow-audit-foreign-rules: keep\n")).foreignRules())
                .isEqualTo(ForeignRules.KEEP);
        Path wiping = file("flow-audit-foreign-rules: wipe\n");
        assertThatThrownBy(() -> ConfigLoader.load(wiping)).isInstanceOf(ConfigException.class)
                .hasMessage("config key 'flow-audit-foreign-rules': expected keep or remove, got 'wipe'");
    }

    @Test
    void readsTheEventJournalsLimits() throws IOException {
        WeftConfig config = ConfigLoader.load(file("""
                events:
                  history: 500
                  max-subscribers: 3
                """));
        assertThat(config.events()).isEqualTo(new io.weft.northbound.events.EventJournalConfig(500, 3));
        assertThat(WeftConfig.DEFAULTS.events().history()).isEqualTo(10_000);
        Path zero = file("events: {history: 0}");
        assertThatThrownBy(() -> ConfigLoader.load(zero)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("config key 'events.history': must be within 1..10000000, got 0");
        Path unknown = file("events: {size: 5}");
        assertThatThrownBy(() -> ConfigLoader.load(unknown)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("config key 'events.size': unknown key");
    }

    @Test
    void readsTheStatsIntervalAndRefusesOneBelowASecond() throws IOException {
        assertThat(WeftConfig.DEFAULTS.statsInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(ConfigLoader.load(file("stats-interval: 2m\n")).statsInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(ConfigLoader.load(file("flow-audit-interval: 5s\n")).statsInterval())
                .isEqualTo(Duration.ofSeconds(10));
        Path tooOften = file("stats-interval: 999ms\n");
        assertThatThrownBy(() -> ConfigLoader.load(tooOften)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("stats-interval must be at least 1s");
        Path notADuration = file("stats-interval: 10\n");
        assertThatThrownBy(() -> ConfigLoader.load(notADuration)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("config key 'stats-interval': expected a duration");
    }

    @Test
    void readsTheFlowRetrySection() throws IOException {
        assertThat(WeftConfig.DEFAULTS.flowRetry()).isEqualTo(FlowRetryConfig.DEFAULTS);
        FlowRetryConfig read = ConfigLoader.load(file("""
                flow-retry:
                  initial-delay: 500ms
                  max-delay: 2m
                  max-attempts: 10
                """)).flowRetry();
        assertThat(read).isEqualTo(new FlowRetryConfig(Duration.ofMillis(500), Duration.ofMinutes(2), 10));
        assertThat(ConfigLoader.load(file("flow-retry: {max-attempts: 0}\n")).flowRetry().maxAttempts()).isZero();
    }

    @Test
    void theForwardingFlagPicksTheApp() {
        Main.Serve serve = new Main.Serve();
        new CommandLine(serve).parseArgs("--forwarding", "learning");
        assertThat(serve.resolve().forwardingMode()).isEqualTo(ForwardingMode.LEARNING);
        Main.Serve bad = new Main.Serve();
        new CommandLine(bad).parseArgs("--forwarding", "hub");
        assertThatThrownBy(bad::resolve).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--forwarding: expected 'path' or 'learning', got 'hub'");
    }

    @Test
    void readsTheApiSection() throws IOException {
        WeftConfig config = ConfigLoader.load(file("""
                api:
                  address: 127.0.0.1
                  port: 8282
                  admin-token: "0123456789abcdef-from-the-file"
                """));
        assertThat(config.api().address()).isEqualTo("127.0.0.1");
        assertThat(config.api().port()).isEqualTo(8282);
        assertThat(config.api().adminToken()).hasValue("0123456789abcdef-from-the-file");
        assertThat(config.toString()).doesNotContain("from-the-file");
        assertThat(ConfigLoader.load(file("api: {port: 0}\n")).api().adminToken()).isEmpty();
        assertThat(config.api().grpcPort()).as("gRPC beside REST unless told").isEmpty();
        assertThat(ConfigLoader.load(file("api: {grpc-port: 9191}\n")).api().grpcPort()).hasValue(9191);
        assertThatThrownBy(() -> ConfigLoader.load(file("api: {grpc-port: 70000}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'api.grpc-port': must be within 0..65535");
    }

    @Test
    void aBadTokenIsNeverRepeatedInTheMessage() throws IOException {
        Path path = file("api: {admin-token: 'secret with spaces, long enough'}\n");
        assertThatThrownBy(() -> ConfigLoader.load(path)).isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("secret with");
        Path numeric = file("api: {admin-token: 12345678901234567}\n");
        assertThatThrownBy(() -> ConfigLoader.load(numeric)).isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("12345678901234567");
    }

    @Test
    void theAdminTokenComesFromTheFlagThenTheEnvironmentThenTheFile() throws IOException {
        Path path = file("api: {admin-token: from-the-config-file-0123}\n");
        Map<String, String> env = Map.of(Main.ADMIN_TOKEN_ENV, "from-the-environment-0123");
        assertThat(serve("--config", path.toString()).resolve(Map.of()).api().adminToken())
                .hasValue("from-the-config-file-0123");
        assertThat(serve("--config", path.toString()).resolve(env).api().adminToken())
                .hasValue("from-the-environment-0123");
        assertThat(serve("--config", path.toString(), "--admin-token", "from-the-command-line-0123").resolve(env)
                .api().adminToken()).hasValue("from-the-command-line-0123");
        assertThat(serve().resolve(Map.of(Main.ADMIN_TOKEN_ENV, "")).api().adminToken()).isEmpty();
        assertThatThrownBy(() -> serve().resolve(Map.of(Main.ADMIN_TOKEN_ENV, "weak")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("WEFT_ADMIN_TOKEN: admin token must be")
                .hasMessageNotContaining("weak");
        assertThatThrownBy(() -> serve("--admin-token", "weak").resolve(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--admin-token: ");
    }

    @Test
    void apiFlagsOverrideTheFile() throws IOException {
        Path path = file("api: {port: 9000, address: 10.0.0.1}\n");
        WeftConfig config = serve("--config", path.toString(), "--api-port", "9001", "--api-address", "127.0.0.1")
                .resolve(Map.of());
        assertThat(config.api().port()).isEqualTo(9001);
        assertThat(config.api().address()).isEqualTo("127.0.0.1");
        assertThatThrownBy(() -> serve("--api-port", "70000").resolve(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--api-port");
        assertThat(serve("--config", file("api: {grpc-port: 9000}\n").toString(), "--grpc-port", "9002")
                .resolve(Map.of()).api().grpcPort()).hasValue(9002);
        assertThatThrownBy(() -> serve("--grpc-port", "-1").resolve(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--grpc-port");
    }

    private static Main.Serve serve(String... args) {
        Main.Serve serve = new Main.Serve();
        new CommandLine(serve).parseArgs(args);
        return serve;
    }

    @Test
    void anEmptyFileIsTheDefaults() throws IOException {
        assertThat(ConfigLoader.load(file(""))).isEqualTo(WeftConfig.DEFAULTS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "openflow: {prot: 1}                 | config key 'openflow.prot': unknown key",
            "colour: blue                        | config key 'colour': unknown key",
            "openflow: {port: 70000}             | config key 'openflow.port': must be within 0..65535, got 70000",
            "openflow: {port: six}               | config key 'openflow.port': expected a whole number, got 'six'",
            "openflow: {echo-interval: 5}        | config key 'openflow.echo-interval': expected a duration",
            "openflow: 6653                      | config key 'openflow': expected a mapping of keys",
            "forwarding: {idle-timeout: 0s}      | config section 'forwarding': idleTimeoutSeconds must be within 1..65535",
            "openflow: {max-message-bytes: 4}    | config key 'openflow.max-message-bytes': must be within 1072..65535",
            "openflow: {event-loops: 2000}       | config key 'openflow.event-loops': must be within 0..1024, got 2000",
            "openflow: {spin-before-sleep: 1s}   | config section 'openflow': spinBeforeSleep must be within 0..PT0.01S",
            "'data-dir': ''                      | config key 'data-dir': expected a non-empty string",
            "openflow: [1, 2                     | is not valid YAML",
            "forwarding: {mode: flood}           | config key 'forwarding.mode': expected 'path' or 'learning', got 'flood'",
            "discovery: {probe-interval: 6s}     | config section 'discovery': link-timeout must be at least twice probe-interval",
            "discovery: {secret: short}          | config section 'discovery': secret must be at least 16 characters",
            "discovery: {probe-every: 1s}        | config key 'discovery.probe-every': unknown key",
            "hosts: {idle-timeout: 0s}           | config section 'hosts': idle-timeout must be positive",
            "hosts: {max-hosts: 0}               | config key 'hosts.max-hosts': must be within 1..2147483647, got 0",
            "api: {prot: 1}                      | config key 'api.prot': unknown key (known here: address, admin-token, grpc-port, port)",
            "api: {port: 65536}                  | config key 'api.port': must be within 0..65535, got 65536",
            "api: {address: []}                  | config key 'api.address': expected a non-empty string",
            "api: {admin-token: short}           | config section 'api': admin token must be at least 16 characters",
            "api: {admin-token: 12345678901234567} | config key 'api.admin-token': expected a non-empty string (quote it",
            "api: 8181                           | config key 'api': expected a mapping of keys",
            "flow-retry: {max-attempts: -1}      | config key 'flow-retry.max-attempts': must be within 0..100, got -1",
            "flow-retry: {max-attempts: many}    | config key 'flow-retry.max-attempts': expected a whole number",
            "flow-retry: {initial-delay: 5ms}    | config section 'flow-retry': initial-delay must be within 10ms..1h",
            "flow-retry: {initial-delay: 2m}     | config section 'flow-retry': max-delay must be within initial-delay",
            "flow-retry: {max-delay: 2h}         | config section 'flow-retry': max-delay must be within",
            "flow-retry: {max-delay: 60}         | config key 'flow-retry.max-delay': expected a duration",
            "flow-retry: {jitter: 0.5}           | config key 'flow-retry.jitter': unknown key",
    })
    void refusesBadConfigNamingTheKey(String yaml, String message) throws IOException {
        Path path = file(yaml);
        assertThatThrownBy(() -> ConfigLoader.load(path)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(message.strip());
    }

    @Test
    void aMissingFileIsAClearError() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot read config file");
    }

    @Test
    void flagsOverrideTheFile() throws IOException {
        Path path = file("openflow: {port: 6633, address: 127.0.0.1}\n");
        Main.Serve serve = new Main.Serve();
        new CommandLine(serve).parseArgs("--config", path.toString(), "--openflow-port", "7000",
                "--data-dir", dir.toString());
        WeftConfig config = serve.resolve();
        assertThat(config.openflow().port()).isEqualTo(7000);
        assertThat(config.openflow().address()).isEqualTo("127.0.0.1");
        assertThat(config.dataDir()).isEqualTo(dir);
    }

    @Test
    void aBadFlagValueIsRefused() {
        Main.Serve serve = new Main.Serve();
        new CommandLine(serve).parseArgs("--openflow-port", "-1");
        assertThatThrownBy(serve::resolve).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--openflow-port");
    }
}
