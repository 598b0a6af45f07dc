package io.weft.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients write as fast as they can (a network, its port, its host; again and again) while the
 * controller is killed ({@code kill -9}) at a random moment. After a restart, every write that
 * was answered 201 is there, and every write that was not is either wholly there (it was
 * committed just before the kill) or not at all.
 */
class WriteBurstCrashIT {
    private static final int WRITERS = 4;
    private static final int NETWORKS_PER_WRITER = 40;
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final String DEVICE = "of:00000000000000aa";

    @RegisterExtension
    static final WeftLab lab = new WeftLab();

    /** What became of a write: answered 201, answered with an error, or never answered. */
    private enum Outcome { CREATED, REFUSED, UNANSWERED }

    private record Write(String what, String network, Optional<String> detail, Outcome outcome) {
    }

    @Test
    void everyAnsweredWriteSurvivesAKillAndNoUnansweredOneIsHalfThere() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        LabTenant tenant = LabTenant.create(lab.api(), "burst");
        List<List<String>> attachments = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            List<String> own = new ArrayList<>();
            for (int n = 0; n < NETWORKS_PER_WRITER; n++) {
                own.add(tenant.attach(new WeftApi.ConnectPoint(DEVICE, 1 + w * NETWORKS_PER_WRITER + n)));
            }
            attachments.add(own);
        }
        List<Write> writes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch started = new CountDownLatch(WRITERS);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                started.countDown();
                for (int n = 0; n < NETWORKS_PER_WRITER; n++) {
                    if (!writeNetwork(tenant, "w%d-%d".formatted(writer, n), attachments.get(writer).get(n),
                            "02:00:00:%02x:%02x:01".formatted(writer, n), "10.%d.%d.1".formatted(writer, n),
                            writes)) {
                        return;
                    }
                }
            }));
        }
        started.await();
        long killAfter = 200 + random.nextInt(800);
        TimeUnit.MILLISECONDS.sleep(killAfter); // the random moment itself: nothing to poll for
        int exitCode = lab.controller().kill(KILL_TIMEOUT);
        for (Future<?> writer : writers) {
            writer.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        lab.controller().start(READY_TIMEOUT);

        List<Write> answered = writes.stream().filter(write -> write.outcome() == Outcome.CREATED).toList();
        List<Write> unanswered = writes.stream().filter(write -> write.outcome() == Outcome.UNANSWERED).toList();
        List<Write> refused = writes.stream().filter(write -> write.outcome() == Outcome.REFUSED).toList();
        System.out.printf("[lab] write burst, kill -9 (exit %d) after %d ms (seed %d): %d writes answered 201,"
                + " %d unanswered, %d refused%n", exitCode, killAfter, seed, answered.size(), unanswered.size(),
                refused.size());
        assertThat(answered).as("writes answered before the kill").isNotEmpty();
        assertThat(unanswered).as("writes the kill cut off").isNotEmpty();
        for (Write write : answered) {
            assertThat(present(tenant, write)).as("%s, answered 201 before kill -9 (seed %d)", write, seed)
                    .isTrue();
        }
        for (Write write : unanswered) {
            // present() checks the whole object; anything present but partial fails inside it.
            present(tenant, write);
        }
        for (Write write : refused) {
            assertThat(present(tenant, write)).as("%s, refused with an error (seed %d)", write, seed).isFalse();
        }
    }

    /** Network, port, host, in that order; false once a write goes unanswered (the controller is gone). */
    private static boolean writeNetwork(LabTenant tenant, String network, String attachment, String mac, String ip,
                                        List<Write> writes) {
        if (!write(writes, "network", network, Optional.empty(), () -> tenant.api().post(tenant.path("/networks"),
                "{\"id\":\"%s\",\"kind\":\"big-switch\"}".formatted(network)))) {
            return false;
        }
        if (!write(writes, "port", network, Optional.of(attachment), () -> tenant.api().post(
                tenant.path("/networks/" + network + "/ports"), "{\"attachment\":\"%s\"}".formatted(attachment)))) {
            return false;
        }
        return write(writes, "host", network, Optional.of(mac + " " + ip), () -> tenant.api().post(
                tenant.path("/networks/" + network + "/hosts"),
                "{\"mac\":\"%s\",\"ips\":[\"%s\"],\"port\":1}".formatted(mac, ip)));
    }

    private static boolean write(List<Write> writes, String what, String network, Optional<String> detail,
                                 Runnable call) {
        try {
            call.run();
            writes.add(new Write(what, network, detail, Outcome.CREATED));
            return true;
        } catch (UncheckedIOException e) {
            writes.add(new Write(what, network, detail, Outcome.UNANSWERED));
            return false;
        } catch (IllegalStateException e) {
            writes.add(new Write(what, network, detail, Outcome.REFUSED));
            return false;
        }
    }

    /** Whether the write's object is there after the restart; fails if it is there but not whole. */
    private static boolean present(LabTenant tenant, Write write) {
        JsonNode networks = tenant.api().get(tenant.path("/networks"));
        boolean networkThere = false;
        for (JsonNode network : networks.path("networks")) {
            if (network.path("id").asText().equals(write.network())) {
                networkThere = true;
                assertThat(network.path("kind").asText()).as("kind of %s", write.network()).isEqualTo("big-switch");
            }
        }
        if (write.what().equals("network") || !networkThere) {
            return networkThere;
        }
        if (write.what().equals("port")) {
            JsonNode ports = tenant.api().get(tenant.path("/networks/" + write.network() + "/ports"));
            for (JsonNode port : ports.path("ports")) {
                if (port.path("attachment").asText().equals(write.detail().orElseThrow())) {
                    return true;
                }
            }
            return false;
        }
        String[] macAndIp = write.detail().orElseThrow().split(" ");
        JsonNode hosts = tenant.api().get(tenant.path("/networks/" + write.network() + "/hosts"));
        for (JsonNode host : hosts.path("hosts")) {
            if (host.path("mac").asText().equalsIgnoreCase(macAndIp[0])) {
                assertThat(host.path("ips").toString()).as("IPs of %s", write).isEqualTo("[\"" + macAndIp[1] + "\"]");
                assertThat(host.path("declared").asBoolean()).isTrue();
                return true;
            }
        }
        return false;
    }
}
