package io.weft.southbound.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.util.ReferenceCountUtil;
import io.weft.metrics.Counters;
import io.weft.metrics.LatencyHistogram;
import io.weft.southbound.api.DeviceNotConnectedException;
import io.weft.southbound.api.FlowOperationException;
import io.weft.topology.device.DeviceIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.onosproject.net.DeviceId;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;

/**
 * One connected switch, after its features reply: how apps write to it.
 *
 * <p>Writes from any thread are queued on the channel and flushed together: those made
 * while the switch's messages of one read are handled (answers to packet-ins) when that read
 * ends, others once per event-loop turn. A switch that stops reading cannot make the controller buffer without
 * bound: best-effort writes (packet-outs) are dropped while the connection is congested,
 * and past {@code maxPendingWriteBytes} the connection is closed.
 *
 * <p>Confirmed batches end with a barrier; the switch answers errors for a batch's messages
 * before its barrier reply, so the reply settles the batch's future: it fails with
 * {@link RefusedBatch}, naming the xid each error is for, when there were errors; every
 * message of the batch that drew none was carried out. The time from sending a
 * batch to its barrier reply goes into the {@code openflow.barrier.latency} histogram.
 */
final class SwitchSession {
    /** The event that asks a connection's handler to prove the switch still answers. */
    static final Object LIVENESS_CHECK = new Object() {
        @Override
        public String toString() {
            return "liveness check";
        }
    };

    private final Channel channel;
    private final OFFactory factory;
    private final long datapathId;
    private final DeviceId deviceId;
    private final OpenFlowConfig config;
    private final Counters counters;
    private final LatencyHistogram barrierLatency;
    /** The top bit of an xid: set on messages no barrier confirms. */
    private static final long UNCONFIRMED = 0x8000_0000L;

    private final AtomicLong xids = new AtomicLong(1 << 16);
    /** Touched only on the event loop of the channel. */
    private boolean flushPending;
    /** Between a read's first message and its end; touched only on the event loop of the channel. */
    private boolean reading;
    private final Map<Long, Batch> batchesByBarrier = new ConcurrentHashMap<>();
    private final Map<Long, Batch> batchesByXid = new ConcurrentHashMap<>();
    private final Map<Long, Multipart> multiparts = new ConcurrentHashMap<>();
    private volatile boolean active;

    /** A statistics request whose replies are still coming: parts are added on the event loop only. */
    private static final class Multipart {
        final CompletableFuture<List<OFStatsReply>> future = new CompletableFuture<>();
        final List<OFStatsReply> parts = new ArrayList<>();
        volatile ScheduledFuture<?> timeout;
    }

    private static final class Batch {
        final long barrierXid;
        final List<Long> xids;
        final CompletableFuture<Void> future = new CompletableFuture<>();
        final List<RefusedBatch.Error> errors = new ArrayList<>();
        /** When the batch was sent, on the channel's ticker, for the barrier's round-trip time. */
        final long sentNanos;
        /** Cancelled when the batch settles, so that the timer and the batch it holds do not outlive it. */
        volatile ScheduledFuture<?> timeout;

        Batch(long barrierXid, List<Long> xids, long sentNanos) {
            this.barrierXid = barrierXid;
            this.xids = xids;
            this.sentNanos = sentNanos;
        }
    }

    SwitchSession(Channel channel, OFFactory factory, long datapathId, OpenFlowConfig config, Counters counters) {
        this.channel = channel;
        this.factory = factory;
        this.datapathId = datapathId;
        this.deviceId = DeviceIds.fromDatapathId(datapathId);
        this.config = config;
        this.counters = counters;
        this.barrierLatency = counters.histogram("openflow.barrier.latency");
    }

    OFFactory factory() {
        return factory;
    }

    long datapathId() {
        return datapathId;
    }

    DeviceId deviceId() {
        return deviceId;
    }

    /** Asks the connection to prove it lives (see {@code SwitchChannelHandler}); from any thread. */
    void checkLiveness() {
        channel.pipeline().fireUserEventTriggered(LIVENESS_CHECK);
    }

    Channel channel() {
        return channel;
    }

    /** True once the handshake finished, until the connection closes. */
    boolean isActive() {
        return active && channel.isActive();
    }

    void markActive() {
        active = true;
    }

    long nextXid() {
        return xids.getAndIncrement() & ~UNCONFIRMED & 0xffffffffL;
    }

    /**
     * An xid for a message sent without a barrier to confirm it: marked, so that an error the
     * switch answers it with is recognised as such and not taken for a stray one.
     */
    long nextUnconfirmedXid() {
        return nextXid() | UNCONFIRMED;
    }

    static boolean isUnconfirmed(long xid) {
        return (xid & UNCONFIRMED) != 0;
    }

    /** Queues a message, to be flushed with the others written in the same turn. */
    void send(OFMessage message) {
        write(message);
    }

    /** Queues a message already encoded (the buffer is the session's from here on). */
    void send(ByteBuf encoded) {
        write(encoded);
    }

    private void write(Object message) {
        if (!admits()) {
            ReferenceCountUtil.release(message);
            return;
        }
        if (channel.eventLoop().inEventLoop()) {
            writeInLoop(message);
        } else {
            try {
                channel.eventLoop().execute(() -> writeInLoop(message));
            } catch (RejectedExecutionException e) {
                // The event loop is shutting down with the controller: the connection goes with it.
                counters.increment("openflow.dropped.not_connected");
                ReferenceCountUtil.release(message);
            }
        }
    }

    /**
     * Whether a write may be queued: the connection is up and the switch is reading. A switch
     * that stopped reading with too much queued for it is disconnected here. Counted when not.
     */
    private boolean admits() {
        if (!channel.isActive()) {
            counters.increment("openflow.dropped.not_connected");
            return false;
        }
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        if (!channel.isWritable() && buffer != null && buffer.totalPendingWriteBytes() > config.maxPendingWriteBytes()) {
            counters.increment("openflow.dropped.write_overflow");
            channel.pipeline().fireExceptionCaught(new ProtocolViolation(ProtocolViolation.Reason.WRITE_OVERFLOW,
                    "switch stopped reading: more than " + config.maxPendingWriteBytes() + " bytes queued for it"));
            return false;
        }
        return true;
    }

    /**
     * Writes, and makes sure a flush follows. Both happen on the event loop so that the
     * flush is queued after the write it is for: a write can never land behind the flush
     * that was meant to carry it and sit unflushed.
     */
    private void writeInLoop(Object message) {
        channel.write(message, channel.voidPromise());
        if (!flushPending) {
            flushPending = true;
            if (!reading) {
                channel.eventLoop().execute(this::flushIfPending);
            }
        }
    }

    private void flushIfPending() {
        if (flushPending) {
            flushPending = false;
            channel.flush();
        }
    }

    /** The event loop starts handing this switch's messages to the handler. */
    void readStarted() {
        reading = true;
    }

    /**
     * The event loop has handed over every message of its read: what was written meanwhile (the
     * answers to those messages) goes out now, one flush per read, before the event loop turns
     * to other switches.
     */
    void readComplete() {
        reading = false;
        flushIfPending();
    }

    /** Like {@link #send}, but dropped (false, counted) while the connection is congested. */
    boolean sendBestEffort(OFMessage message, String counterWhenDropped) {
        if (!acceptsBestEffort()) {
            counters.increment(counterWhenDropped);
            return false;
        }
        send(message);
        return true;
    }

    /** Whether best-effort writes go out now: connected and not congested. */
    boolean acceptsBestEffort() {
        return channel.isActive() && channel.isWritable();
    }

    /**
     * Sends {@code messages}, which carry the xids in {@code xids} (from {@link #nextXid}), in
     * that order, then a barrier; see the class comment. Each message is an openflowj message or
     * an encoded buffer, which the session owns from here on. All are written in one turn of
     * the event loop.
     */
    CompletableFuture<Void> sendConfirmed(List<Long> xids, List<Object> messages) {
        long barrierXid = nextXid();
        Batch batch = new Batch(barrierXid, xids, channel.eventLoop().ticker().nanoTime());
        batchesByBarrier.put(barrierXid, batch);
        for (Long xid : xids) {
            batchesByXid.put(xid, batch);
        }
        if (!channel.isActive()) {
            messages.forEach(ReferenceCountUtil::release);
            settle(batch, new DeviceNotConnectedException(deviceId));
            return batch.future;
        }
        List<Object> all = new ArrayList<>(messages.size() + 1);
        all.addAll(messages);
        all.add(factory.buildBarrierRequest().setXid(barrierXid).build());
        writeAll(all);
        long timeoutMillis = config.barrierTimeout().toMillis();
        batch.timeout = channel.eventLoop().schedule(() -> {
            if (batchesByBarrier.containsKey(barrierXid)) {
                counters.increment("openflow.barrier.timeouts");
                settle(batch, new TimeoutException(deviceId + " did not confirm within " + Duration.ofMillis(timeoutMillis)));
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        return batch.future;
    }

    /**
     * Sends a statistics (multipart) request; the future completes with every part of the
     * reply, or fails with the switch's error, a disconnect, or no full reply within the
     * barrier timeout.
     */
    CompletableFuture<List<OFStatsReply>> request(OFStatsRequest<?> request) {
        long xid = nextXid();
        Multipart pending = new Multipart();
        multiparts.put(xid, pending);
        if (!channel.isActive()) {
            settle(xid, new DeviceNotConnectedException(deviceId));
            return pending.future;
        }
        send(request.createBuilder().setXid(xid).build());
        long timeoutMillis = config.barrierTimeout().toMillis();
        pending.timeout = channel.eventLoop().schedule(() -> {
            if (multiparts.containsKey(xid)) {
                counters.increment("openflow.stats.timeouts");
                settle(xid, new TimeoutException(deviceId + " did not answer a " + request.getStatsType()
                        + " request within " + Duration.ofMillis(timeoutMillis)));
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        return pending.future;
    }

    /** One part of a statistics reply; the last part settles its request. False if no request waits for it. */
    boolean statsReply(OFStatsReply reply) {
        Multipart pending = multiparts.get(reply.getXid());
        if (pending == null) {
            return false;
        }
        pending.parts.add(reply);
        if (!reply.getFlags().contains(OFStatsReplyFlags.REPLY_MORE)) {
            settle(reply.getXid(), null);
        }
        return true;
    }

    private void settle(long xid, Throwable failure) {
        Multipart pending = multiparts.remove(xid);
        if (pending == null) {
            return;
        }
        ScheduledFuture<?> timeout = pending.timeout;
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (failure == null) {
            pending.future.complete(List.copyOf(pending.parts));
        } else {
            pending.future.completeExceptionally(failure);
        }
    }

    /** Like {@link #write} for each message, in order, but as one task for the event loop. */
    private void writeAll(List<Object> messages) {
        if (!admits()) {
            messages.forEach(ReferenceCountUtil::release);
            return;
        }
        if (channel.eventLoop().inEventLoop()) {
            messages.forEach(this::writeInLoop);
            return;
        }
        try {
            channel.eventLoop().execute(() -> messages.forEach(this::writeInLoop));
        } catch (RejectedExecutionException e) {
            counters.increment("openflow.dropped.not_connected");
            messages.forEach(ReferenceCountUtil::release);
        }
    }

    /** A barrier reply: settles the batch it ends. False if no batch was waiting for it. */
    boolean barrierReply(long xid) {
        Batch batch = batchesByBarrier.get(xid);
        if (batch == null) {
            return false;
        }
        barrierLatency.record(channel.eventLoop().ticker().nanoTime() - batch.sentNanos);
        List<RefusedBatch.Error> errors;
        synchronized (batch) {
            errors = List.copyOf(batch.errors);
        }
        settle(batch, errors.isEmpty() ? null : new RefusedBatch(deviceId, errors));
        return true;
    }

    /** An error from the switch: charged to the batch that caused it. False if none did. */
    boolean error(OFErrorMsg error) {
        if (multiparts.containsKey(error.getXid())) {
            settle(error.getXid(), new FlowOperationException(deviceId, List.of(error.getErrType() + " " + error)));
            return true;
        }
        Batch batch = batchesByXid.get(error.getXid());
        if (batch == null) {
            return false;
        }
        synchronized (batch) {
            batch.errors.add(new RefusedBatch.Error(error.getXid(), error.getErrType() + " " + error));
        }
        return true;
    }

    /** The connection closed: every unconfirmed batch fails. */
    void closed() {
        List.copyOf(batchesByBarrier.values()).forEach(b -> settle(b, new DeviceNotConnectedException(deviceId)));
        List.copyOf(multiparts.keySet()).forEach(xid -> settle(xid, new DeviceNotConnectedException(deviceId)));
    }

    int pendingBatches() {
        return batchesByBarrier.size();
    }

    private void settle(Batch batch, Throwable failure) {
        if (batchesByBarrier.remove(batch.barrierXid) == null) {
            return;
        }
        batch.xids.forEach(batchesByXid::remove);
        ScheduledFuture<?> timeout = batch.timeout;
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (failure == null) {
            batch.future.complete(null);
        } else {
            batch.future.completeExceptionally(failure);
        }
    }
}
