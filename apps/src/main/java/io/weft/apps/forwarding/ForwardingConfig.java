package io.weft.apps.forwarding;

/**
 * @param idleTimeoutSeconds   how long an unused forwarding rule stays on the switch
 * @param priority             the rules' priority, above the table-miss rule
 * @param maxHostsPerDevice    MAC addresses learned per switch; past it, new ones are not learned (counted)
 */
public record ForwardingConfig(int idleTimeoutSeconds, int priority, int maxHostsPerDevice) {
    public static final ForwardingConfig DEFAULTS = new ForwardingConfig(30, 10, 100_000);

    public ForwardingConfig {
        if (idleTimeoutSeconds < 1 || idleTimeoutSeconds > 0xffff) {
            throw new IllegalArgumentException("idleTimeoutSeconds must be within 1..65535, was " + idleTimeoutSeconds);
        }
        if (priority < 1 || priority > 0xffff) {
            throw new IllegalArgumentException("priority must be within 1..65535, was " + priority);
        }
        if (maxHostsPerDevice < 1) {
            throw new IllegalArgumentException("maxHostsPerDevice must be at least 1, was " + maxHostsPerDevice);
        }
    }
}
