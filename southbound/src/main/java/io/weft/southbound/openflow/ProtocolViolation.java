package io.weft.southbound.openflow;

/**
 * A switch broke the protocol, or the connection broke a bound. Raised anywhere in the
 * pipeline; {@link SwitchChannelHandler} maps every one of them to the same response: one
 * log line naming the switch and the reason, the reason's counter, and closing that
 * switch's connection only.
 */
public final class ProtocolViolation extends RuntimeException {
    /** Why a connection was closed; each has its counter {@code openflow.closed.<name>}. */
    public enum Reason {
        BAD_LENGTH("bad_length"),
        TOO_LARGE("too_large"),
        MALFORMED("malformed"),
        WRONG_VERSION("wrong_version"),
        UNEXPECTED_MESSAGE("unexpected_message"),
        VERSION_MISMATCH("version_mismatch"),
        HANDSHAKE_TIMEOUT("handshake_timeout"),
        IDLE("idle"),
        DUPLICATE_DPID("duplicate_dpid"),
        WRITE_OVERFLOW("write_overflow");

        private final String counterName;

        Reason(String name) {
            this.counterName = "openflow.closed." + name;
        }

        public String counter() {
            return counterName;
        }
    }

    private final Reason reason;

    public ProtocolViolation(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public ProtocolViolation(Reason reason, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
