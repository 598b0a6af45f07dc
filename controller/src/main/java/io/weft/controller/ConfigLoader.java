package io.weft.controller;

import io.weft.apps.forwarding.ForwardingConfig;
import io.weft.northbound.ApiConfig;
import io.weft.northbound.events.EventJournalConfig;
import io.weft.southbound.audit.ForeignRules;
import io.weft.southbound.openflow.OpenFlowConfig;
import io.weft.southbound.retry.FlowRetryConfig;
import io.weft.topology.host.HostConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the YAML config file strictly: every key must be known and every value of the
 * right type and range, or loading stops with a {@link ConfigException} naming the key.
 * Keys left out keep their defaults. See the README for every key.
 */
public final class ConfigLoader {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(us|ms|s|m|h)");

    private ConfigLoader() {
    }

    public static WeftConfig load(Path file) {
        Object root;
        try (Reader reader = Files.newBufferedReader(file)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        } catch (YAMLException e) {
            throw new ConfigException("config file " + file + " is not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            return WeftConfig.DEFAULTS;
        }
        return parse(new Section("", root));
    }

    static WeftConfig parse(Section root) {
        WeftConfig d = WeftConfig.DEFAULTS;
        root.only("data-dir", "openflow", "forwarding", "discovery", "hosts", "packet-in-queue", "worker-threads",
                "api", "events", "flow-audit-interval", "flow-audit-foreign-rules", "stats-interval", "flow-retry");
        Section of = root.section("openflow");
        of.only("address", "port", "max-message-bytes", "handshake-timeout", "echo-interval", "echo-misses",
                "write-high-water-bytes", "max-pending-write-bytes", "barrier-timeout", "event-loops",
                "spin-before-sleep");
        Section fw = root.section("forwarding");
        fw.only("mode", "idle-timeout", "priority", "max-hosts-per-device");
        Section disc = root.section("discovery");
        disc.only("probe-interval", "probe-max-age", "link-timeout", "edge-settle", "secret");
        Section hs = root.section("hosts");
        hs.only("idle-timeout", "move-hold-down", "max-hosts", "max-ips-per-host");
        Section ap = root.section("api");
        ap.only("address", "port", "grpc-port", "admin-token");
        Section ev = root.section("events");
        ev.only("history", "max-subscribers");
        Section fr = root.section("flow-retry");
        fr.only("initial-delay", "max-delay", "max-attempts");

        OpenFlowConfig o = d.openflow();
        OpenFlowConfig openflow = of.build(() -> new OpenFlowConfig(
                of.string("address", o.address()),
                of.integer("port", o.port(), 0, 65535),
                of.integer("max-message-bytes", o.maxMessageBytes(), OpenFlowConfig.MIN_MESSAGE_BYTES, 65535),
                of.duration("handshake-timeout", o.handshakeTimeout()),
                of.duration("echo-interval", o.echoInterval()),
                of.integer("echo-misses", o.echoMisses(), 1, 1000),
                of.integer("write-high-water-bytes", o.writeHighWaterBytes(), 1024, Integer.MAX_VALUE),
                of.integer("max-pending-write-bytes", (int) Math.min(Integer.MAX_VALUE, o.maxPendingWriteBytes()),
                        1024, Integer.MAX_VALUE),
                of.duration("barrier-timeout", o.barrierTimeout()),
                of.integer("event-loops", o.eventLoops(), 0, OpenFlowConfig.MAX_EVENT_LOOPS),
                of.duration("spin-before-sleep", o.spinBeforeSleep())));
        ForwardingConfig f = d.forwarding();
        ForwardingConfig forwarding = fw.build(() -> new ForwardingConfig(
                (int) fw.duration("idle-timeout", Duration.ofSeconds(f.idleTimeoutSeconds())).toSeconds(),
                fw.integer("priority", f.priority(), 1, 65535),
                fw.integer("max-hosts-per-device", f.maxHostsPerDevice(), 1, Integer.MAX_VALUE)));
        ForwardingMode mode = ForwardingMode.parse(fw.string("mode", d.forwardingMode().key()),
                "config key 'forwarding.mode'");
        DiscoverySettings ds = d.discovery();
        DiscoverySettings discovery = disc.build(() -> new DiscoverySettings(
                disc.duration("probe-interval", ds.probeInterval()),
                disc.duration("probe-max-age", ds.probeMaxAge()),
                disc.duration("link-timeout", ds.linkTimeout()),
                disc.duration("edge-settle", ds.edgeSettle()),
                Optional.ofNullable(disc.string("secret", null))));
        HostConfig h = d.hosts();
        HostConfig hosts = hs.build(() -> new HostConfig(
                hs.duration("idle-timeout", h.idleTimeout()),
                hs.duration("move-hold-down", h.moveHoldDown()),
                hs.integer("max-hosts", h.maxHosts(), 1, Integer.MAX_VALUE),
                hs.integer("max-ips-per-host", h.maxIpsPerHost(), 1, 1024)));
        ApiConfig a = d.api();
        ApiConfig api = ap.build(() -> new ApiConfig(ap.string("address", a.address()),
                ap.integer("port", a.port(), 0, 65535),
                ap.secret("admin-token").or(a::adminToken),
                ap.optionalInteger("grpc-port", a.grpcPort(), 0, 65535)));
        EventJournalConfig e = d.events();
        EventJournalConfig events = ev.build(() -> new EventJournalConfig(
                ev.integer("history", e.history(), 1, 10_000_000),
                ev.integer("max-subscribers", e.maxSubscribers(), 1, 100_000)));
        FlowRetryConfig r = d.flowRetry();
        FlowRetryConfig flowRetry = fr.build(() -> new FlowRetryConfig(
                fr.duration("initial-delay", r.initialDelay()),
                fr.duration("max-delay", r.maxDelay()),
                fr.integer("max-attempts", r.maxAttempts(), 0, FlowRetryConfig.MAX_ATTEMPTS)));
        return root.build(() -> new WeftConfig(Path.of(root.string("data-dir", d.dataDir().toString())),
                openflow, mode, forwarding, discovery, hosts,
                root.integer("packet-in-queue", d.packetInQueue(), 1, 10_000_000),
                root.integer("worker-threads", d.workerThreads(), 1, 256), api, events,
                root.duration("flow-audit-interval", d.flowAuditInterval()),
                root.duration("stats-interval", d.statsInterval()),
                foreignRules(root.string("flow-audit-foreign-rules", d.foreignRules().name().toLowerCase(Locale.ROOT))), flowRetry));
    }

    private static ForeignRules foreignRules(String value) {
        return switch (value) {
            case "keep" -> ForeignRules.KEEP;
            case "remove" -> ForeignRules.REMOVE;
            default -> throw new ConfigException("config key 'flow-audit-foreign-rules': expected keep or remove, got '"
                    + value + "'");
        };
    }

    /** One mapping of the file, with its dotted path for messages. */
    static final class Section {
        private final String path;
        private final Map<String, Object> values;

        Section(String path, Object node) {
            this.path = path;
            if (node == null) {
                this.values = Map.of();
            } else if (node instanceof Map<?, ?> map) {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), v));
                this.values = copy;
            } else {
                throw new ConfigException("config key '" + (path.isEmpty() ? "(top level)" : path)
                        + "': expected a mapping of keys, got " + describe(node));
            }
        }

        void only(String... known) {
            Set<String> allowed = Set.of(known);
            for (String key : values.keySet()) {
                if (!allowed.contains(key)) {
                    throw new ConfigException("config key '" + name(key) + "': unknown key (known here: "
                            + String.join(", ", new TreeSet<>(allowed)) + ")");
                }
            }
        }

        Section section(String key) {
            return new Section(name(key), values.get(key));
        }

        String string(String key, String fallback) {
            Object v = values.get(key);
            if (v == null) {
                return fallback;
            }
            if (!(v instanceof String s) || s.isBlank()) {
                throw new ConfigException("config key '" + name(key) + "': expected a non-empty string, got "
                        + describe(v));
            }
            return s;
        }

        /** Like {@link #string}, but a message never repeats the value: it is a secret. */
        Optional<String> secret(String key) {
            Object v = values.get(key);
            if (v == null) {
                return Optional.empty();
            }
            if (!(v instanceof String s) || s.isBlank()) {
                throw new ConfigException("config key '" + name(key) + "': expected a non-empty string (quote it if"
                        + " YAML would read it as a number or a boolean)");
            }
            return Optional.of(s);
        }

        int integer(String key, int fallback, int min, int max) {
            Object v = values.get(key);
            if (v == null) {
                return fallback;
            }
            if (!(v instanceof Integer i)) {
                throw new ConfigException("config key '" + name(key) + "': expected a whole number, got " + describe(v));
            }
            if (i < min || i > max) {
                throw new ConfigException("config key '" + name(key) + "': must be within " + min + ".." + max
                        + ", got " + i);
            }
            return i;
        }

        /** A whole number that may be absent altogether (then {@code fallback}). */
        OptionalInt optionalInteger(String key, OptionalInt fallback, int min, int max) {
            return values.get(key) == null ? fallback : OptionalInt.of(integer(key, 0, min, max));
        }

        Duration duration(String key, Duration fallback) {
            Object v = values.get(key);
            if (v == null) {
                return fallback;
            }
            Matcher m = v instanceof String s ? DURATION.matcher(s.trim()) : null;
            if (m == null || !m.matches()) {
                throw new ConfigException("config key '" + name(key) + "': expected a duration such as 50us, 500ms, 10s,"
                        + " 2m or 1h, got " + describe(v));
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "us" -> Duration.ofNanos(Math.multiplyExact(n, 1000L));
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }

        /** Builds a typed value, turning its constructor's cross-field checks into messages naming the section. */
        <T> T build(Supplier<T> builder) {
            try {
                return builder.get();
            } catch (IllegalArgumentException e) {
                throw new ConfigException("config section '" + (path.isEmpty() ? "(top level)" : path) + "': "
                        + e.getMessage());
            }
        }

        private String name(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        private static String describe(Object v) {
            return v instanceof String ? "'" + v + "'" : v + " (" + v.getClass().getSimpleName().toLowerCase() + ")";
        }
    }
}
