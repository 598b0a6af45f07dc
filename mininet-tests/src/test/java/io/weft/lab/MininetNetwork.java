package io.weft.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A running Mininet network, built and driven by {@code lab.py}: one JSON command per line
 * on its stdin, one JSON answer per line on its stdout, Mininet's own output in a log file.
 *
 * <p>Closing stops the network; if that does not go cleanly, the driver is killed and
 * {@code mn -c} removes whatever it left behind.
 */
public final class MininetNetwork implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String END_OF_OUTPUT = "\0end of output";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    /** Slack on top of a command's own time limit, for the driver's own work. */
    private static final Duration SLACK = Duration.ofSeconds(30);

    private final String description;
    private final Process driver;
    private final BufferedWriter commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Path log;
    private LabWiring wiring;
    private boolean closed;
    private boolean stoppedCleanly;

    private MininetNetwork(String description, Process driver, Path log) {
        this.description = description;
        this.driver = driver;
        this.log = log;
        this.commands = new BufferedWriter(new OutputStreamWriter(driver.getOutputStream(), StandardCharsets.UTF_8));
        Thread.ofPlatform().daemon().name("lab-answers-" + driver.pid()).start(this::readAnswers);
    }

    /**
     * Builds the network: every switch speaks only {@code protocol} and has the controller
     * at 127.0.0.1:{@code controllerPort}. Returns once the driver says the network is up.
     */
    public static MininetNetwork start(Path script, String topology, OpenFlowVersion protocol,
                                       int controllerPort, Path log, Duration timeout) {
        List<String> command = List.of(LabEnvironment.PYTHON, "-u", script.toString(), "--topo", topology,
                "--protocol", protocol.ovsName(), "--controller-port", Integer.toString(controllerPort));
        Process driver;
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "=== " + String.join(" ", command) + System.lineSeparator());
            driver = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the lab driver: " + command, e);
        }
        MininetNetwork network = new MininetNetwork(topology + " over " + protocol, driver, log);
        try {
            network.wiring = LabWiring.fromReadyLine(network.answer("start", timeout));
            return network;
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    public List<String> switches() {
        return wiring.switches();
    }

    public List<String> hosts() {
        return wiring.hostNames();
    }

    /** How Mininet wired this network: datapath ids, host ports, cables. */
    public LabWiring wiring() {
        return wiring;
    }

    public Path log() {
        return log;
    }

    /** Waits until every switch has its controller connection up, as ovsdb reports it. */
    public ConnectionState waitConnected(Duration timeout) {
        return connectionState(request(command("wait_connected").put("timeout", timeout.toSeconds()),
                timeout.plus(SLACK)));
    }

    /** Waits until no switch has its controller connection up. */
    public ConnectionState waitDisconnected(Duration timeout) {
        return connectionState(request(command("wait_disconnected").put("timeout", timeout.toSeconds()),
                timeout.plus(SLACK)));
    }

    /**
     * Pings every ordered pair of hosts, each pair up to {@code tries} times until it gets a
     * reply, for at most {@code deadline}; then pings every pair once more.
     */
    public PingReport pingAll(int tries, Duration deadline) {
        int pairs = hosts().size() * (hosts().size() - 1);
        // The final pass may cost up to a second per pair if replies stop coming.
        Duration limit = deadline.plusSeconds(pairs).plus(SLACK);
        JsonNode answer = request(command("pingall").put("tries", tries).put("wait", 1)
                .put("deadline", deadline.toSeconds()), limit);
        List<PingReport.PairResult> results = new ArrayList<>();
        for (JsonNode pair : answer.path("pairs")) {
            results.add(new PingReport.PairResult(new HostPair(pair.path("src").asText(), pair.path("dst").asText()),
                    pair.path("tries").asInt(), pair.path("reached").asBoolean()));
        }
        JsonNode last = answer.path("final");
        List<HostPair> lost = new ArrayList<>();
        for (JsonNode pair : last.path("failed")) {
            lost.add(new HostPair(pair.path(0).asText(), pair.path(1).asText()));
        }
        return new PingReport(results, new PingReport.FinalPass(last.path("sent").asInt(),
                last.path("received").asInt(), last.path("loss_percent").asDouble(), lost),
                answer.path("seconds").asDouble());
    }

    /** Every switch's flow entries, as {@code ovs-ofctl -O <protocol> dump-flows} prints them. */
    public Map<String, List<FlowEntry>> dumpFlows() {
        JsonNode flows = request(command("dump_flows"), SLACK).path("flows");
        Map<String, List<FlowEntry>> bySwitch = new LinkedHashMap<>();
        flows.properties().forEach(flowsOf -> bySwitch.put(flowsOf.getKey(),
                strings(flowsOf.getValue()).stream().map(FlowEntry::parse).toList()));
        return bySwitch;
    }

    /** Every host forgets its ARP cache, so its next ping to a host must ask the network again. */
    public void flushArp() {
        request(command("flush_arp"), SLACK);
    }

    /** Empties every switch's flow tables, as if each switch had restarted. */
    public void clearFlows() {
        request(command("clear_flows"), SLACK);
    }

    /** Both ends of the cable between switches {@code a} and {@code b} go down; returns when (epoch seconds). */
    public double linkDown(String a, String b) {
        return request(command("link_down").put("a", a).put("b", b), SLACK).path("at").asDouble();
    }

    /** Both ends of the cable between switches {@code a} and {@code b} come up again; returns when (epoch seconds). */
    public double linkUp(String a, String b) {
        return request(command("link_up").put("a", a).put("b", b), SLACK).path("at").asDouble();
    }

    /** Packets each OpenFlow port of a switch has sent, by port number, read from the switch now. */
    public Map<Integer, Long> packetsSent(String switchName) {
        Map<Integer, Long> sent = new LinkedHashMap<>();
        request(command("port_counters").put("switch", switchName), SLACK).path("ports").properties()
                .forEach(port -> sent.put(Integer.parseInt(port.getKey()), port.getValue().path("tx_packets").asLong()));
        return sent;
    }

    /** Starts {@code ping -i interval} from host {@code src} to host {@code dst}, in the background. */
    public ContinuousPing startPing(String src, String dst, Duration interval) {
        JsonNode started = request(command("ping_start").put("src", src).put("dst", dst)
                .put("interval", interval.toMillis() / 1000.0), SLACK);
        return new ContinuousPing(this, started.path("id").asInt(), src + "->" + dst);
    }

    ContinuousPing.Progress readPing(int id) {
        JsonNode read = request(command("ping_read").put("id", id), SLACK);
        JsonNode last = read.path("last_reply");
        return new ContinuousPing.Progress(read.path("received").asInt(), read.path("duplicates").asInt(),
                last.isNumber() ? last.asDouble() : Double.NaN, read.path("at").asDouble());
    }

    PingTimeline stopPing(int id) {
        JsonNode stopped = request(command("ping_stop").put("id", id), SLACK);
        List<PingTimeline.Reply> replies = new ArrayList<>();
        stopped.path("replies").forEach(reply -> replies.add(
                new PingTimeline.Reply(reply.path(0).asDouble(), reply.path(1).asInt())));
        return new PingTimeline(stopped.path("src").asText(), stopped.path("dst").asText(),
                stopped.path("interval").asDouble(), stopped.path("started").asDouble(),
                stopped.path("stopped").asDouble(), stopped.path("sent").asInt(), stopped.path("received").asInt(),
                stopped.path("duplicates").asInt(), replies);
    }

    /**
     * Host {@code host} overhears one of the controller's LLDP probes on its own interface
     * (waiting up to {@code captureTimeout}) and sends forgeries of it: without signature,
     * with a garbled one, as is, rewritten to claim port {@code spoofPort} of switch
     * {@code spoofSwitch}; host {@code relayTo} sends it as is too; then both send it again
     * after {@code delay}.
     */
    public LldpForgery forgeLldp(String host, String relayTo, String spoofSwitch, int spoofPort, Duration delay,
                                 Duration captureTimeout) {
        ObjectNode forge = command("forge_lldp").put("host", host).put("relay_to", relayTo)
                .put("delay", delay.toMillis() / 1000.0).put("capture_timeout", captureTimeout.toMillis() / 1000.0);
        forge.putArray("spoof").add(spoofSwitch).add(spoofPort);
        JsonNode done = request(forge, captureTimeout.plus(delay).plus(SLACK));
        List<String> captured = new ArrayList<>();
        done.path("captured").path("tlvs").forEach(tlv ->
                captured.add(tlv.path("type").asText() + ":" + tlv.path("value").asText()));
        List<LldpForgery.Frame> sent = new ArrayList<>();
        done.path("sent").forEach(frame -> sent.add(new LldpForgery.Frame(frame.path("kind").asText(),
                frame.path("host").asText(), frame.path("at").asDouble())));
        return new LldpForgery(host, captured, sent);
    }

    /** The last lines the driver and Mininet wrote to the log. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(could not read " + log + ": " + e + ")";
        }
    }

    /** False if the network had to be killed and swept up by {@code mn -c}. */
    public boolean stoppedCleanly() {
        return stoppedCleanly;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (driver.isAlive()) {
                try {
                    commands.write("{\"cmd\": \"stop\"}\n");
                    commands.close();
                } catch (IOException e) {
                    // The driver is going away on its own; waitFor below tells how that ended.
                }
            }
            stoppedCleanly = driver.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    && driver.exitValue() == 0;
            if (!stoppedCleanly) {
                System.err.printf("[lab] %s did not stop cleanly; killing the driver and running mn -c%n",
                        description);
                driver.destroy();
                if (!driver.waitFor(30, TimeUnit.SECONDS)) {
                    driver.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                LabEnvironment.cleanMininet(log.resolveSibling("mn-clean.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            driver.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return description;
    }

    private ObjectNode command(String name) {
        return JSON.createObjectNode().put("cmd", name);
    }

    private synchronized JsonNode request(ObjectNode command, Duration timeout) {
        String name = command.path("cmd").asText();
        if (closed || !driver.isAlive()) {
            throw new IllegalStateException("the lab driver of " + description + " is not running; cannot "
                    + name + "; log " + log + ":\n" + logTail(30));
        }
        try {
            commands.write(JSON.writeValueAsString(command));
            commands.newLine();
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not send " + name + " to the lab driver", e);
        }
        return answer(name, timeout);
    }

    private JsonNode answer(String name, Duration timeout) {
        String line;
        try {
            line = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
        if (line == null) {
            throw new IllegalStateException("the lab driver did not answer " + name + " within "
                    + timeout.toSeconds() + "s (" + description + "); log " + log + ":\n" + logTail(30));
        }
        if (line.equals(END_OF_OUTPUT)) {
            throw new IllegalStateException("the lab driver exited during " + name + " (" + description
                    + "); log " + log + ":\n" + logTail(40));
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the lab driver answered " + name + " with something not JSON: " + line, e);
        }
        if (!answer.path("ok").asBoolean()) {
            throw new IllegalStateException("the lab driver failed " + name + " (" + description + "): "
                    + answer.path("error").asText() + "; log " + log + ":\n" + logTail(30));
        }
        return answer;
    }

    private void readAnswers() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                answers.add(line);
            }
        } catch (IOException e) {
            // The driver is gone: the end marker below tells whoever waits for an answer.
        }
        answers.add(END_OF_OUTPUT);
    }

    private static ConnectionState connectionState(JsonNode answer) {
        Map<String, Boolean> connected = new LinkedHashMap<>();
        answer.path("connected").properties().forEach(e -> connected.put(e.getKey(), e.getValue().asBoolean()));
        return new ConnectionState(answer.path("reached").asBoolean(), connected, answer.path("seconds").asDouble());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
