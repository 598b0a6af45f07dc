package io.weft.bench.api;

import io.weft.bench.CpuMeter;
import io.weft.bench.Spread;
import io.weft.bench.flowsetup.Progress;
import io.weft.bench.rest.RestClient;
import io.weft.metrics.Counters;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop load on one GET endpoint: N clients, each with a connection of its own, send the
 * next request as soon as the last one is answered. The rate of each round is the 200 answers
 * it got over its length; warm-up rounds are not counted. Anything but a 200 is counted
 * ({@code bench.api.refused.<status>}, {@code bench.api.failed}) and not in the rate.
 */
final class ApiLoad {
    /** What one endpoint scored. */
    record Result(String path, int clients, List<Double> rates, double p50Micros, double p99Micros,
                  long answered, long refused, int bodyBytes, Optional<CpuMeter.Share> cpu) {
        Spread spread() {
            return Spread.of(rates);
        }
    }

    private final URI base;
    private final String token;
    private final Counters counters;
    private final Progress progress;
    private final Optional<CpuMeter> cpu;

    /** @param controllerPid the controller's process, to tell its CPU from the bench's; empty if unknown */
    ApiLoad(URI base, String token, OptionalLong controllerPid, Counters counters, Progress progress) {
        this.base = base;
        this.token = token;
        this.counters = counters;
        this.progress = progress;
        this.cpu = CpuMeter.available() ? Optional.of(new CpuMeter(controllerPid)) : Optional.empty();
    }

    Result measure(String path, int clients, int warmup, int rounds, Duration roundLength)
            throws InterruptedException {
        LongAdder answered = new LongAdder();
        LongAdder refused = new LongAdder();
        List<Worker> workers = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            Worker w = new Worker(new RestClient(base, token), path, answered, refused, ready);
            workers.add(w);
            w.thread.start();
        }
        List<Double> rates = new ArrayList<>();
        Optional<CpuMeter.Snapshot> cpuStart = Optional.empty();
        Optional<CpuMeter.Share> cpuShare = Optional.empty();
        try {
            ready.await();
            for (int round = 0; round < warmup + rounds; round++) {
                boolean counted = round >= warmup;
                if (round == warmup) {
                    cpuStart = cpu.map(CpuMeter::snapshot);
                }
                workers.forEach(w -> w.recording = counted);
                answered.reset();
                long start = System.nanoTime();
                Thread.sleep(roundLength.toMillis());
                double rate = answered.sum() / ((System.nanoTime() - start) / 1e9);
                if (counted) {
                    rates.add(rate);
                }
                progress.report(String.format(Locale.ROOT, "api: GET %s, %s %d/%d: %,.0f requests/s", path,
                        counted ? "round" : "warm-up", counted ? round - warmup + 1 : round + 1,
                        counted ? rounds : warmup, rate));
            }
            if (cpuStart.isPresent()) {
                cpuShare = Optional.of(cpu.get().between(cpuStart.get(), cpu.get().snapshot()));
            }
        } finally {
            workers.forEach(w -> w.stopped = true);
            for (Worker w : workers) {
                w.thread.join(30_000);
            }
        }
        List<Long> latencies = new ArrayList<>();
        workers.forEach(w -> latencies.addAll(w.latencies));
        double[] sorted = Spread.sorted(latencies);
        long totalAnswered = workers.stream().mapToLong(w -> w.answered).sum();
        return new Result(path, clients, rates, sorted.length == 0 ? Double.NaN : Spread.percentile(sorted, 50) / 1e3,
                sorted.length == 0 ? Double.NaN : Spread.percentile(sorted, 99) / 1e3, totalAnswered, refused.sum(),
                workers.get(0).bodyBytes, cpuShare);
    }

    private final class Worker {
        private final RestClient client;
        private final HttpRequest request;
        private final LongAdder answeredNow;
        private final LongAdder refused;
        private final CountDownLatch ready;
        private final Thread thread;
        private final List<Long> latencies = new ArrayList<>();
        private volatile boolean recording;
        private volatile boolean stopped;
        private long answered;
        private volatile int bodyBytes;

        Worker(RestClient client, String path, LongAdder answeredNow, LongAdder refused, CountDownLatch ready) {
            this.client = client;
            this.request = client.request(path);
            this.answeredNow = answeredNow;
            this.refused = refused;
            this.ready = ready;
            this.thread = new Thread(this::loop, "bench-api-client");
            this.thread.setDaemon(true);
        }

        private void loop() {
            ready.countDown();
            while (!stopped) {
                long start = System.nanoTime();
                try {
                    HttpResponse<byte[]> response = client.send(request);
                    long took = System.nanoTime() - start;
                    if (response.statusCode() == 200) {
                        answeredNow.increment();
                        bodyBytes = response.body().length;
                        if (recording) {
                            answered++;
                            latencies.add(took);
                        }
                    } else {
                        refused.increment();
                        counters.increment("bench.api.refused." + response.statusCode());
                    }
                } catch (IOException e) {
                    refused.increment();
                    counters.increment("bench.api.failed");
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
