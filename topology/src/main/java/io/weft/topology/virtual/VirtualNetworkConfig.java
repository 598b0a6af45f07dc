package io.weft.topology.virtual;

/**
 * Limits of the tenant services, each one a bound on what one caller can make Weft hold.
 *
 * @param firstTag            the lowest fabric tag (VLAN id) networks are given
 * @param lastTag             the highest; the range bounds how many networks there can be
 * @param maxAttempts         how often a change is tried again when a concurrent writer
 *                            changed what it read, before it is refused as a conflict
 * @param maxTokensPerTenant  tokens a tenant holds at once; more must revoke some first
 * @param maxIpsPerHost       addresses a declared host may have
 * @param maxLearnedHosts     learned hosts kept across every network
 */
public record VirtualNetworkConfig(int firstTag, int lastTag, int maxAttempts, int maxTokensPerTenant,
                                   int maxIpsPerHost, int maxLearnedHosts) {
    public static final VirtualNetworkConfig DEFAULTS = new VirtualNetworkConfig(1, 4094, 8, 16, 16, 100_000);

    public VirtualNetworkConfig {
        if (firstTag < 1 || lastTag > 4094 || firstTag > lastTag) {
            throw new IllegalArgumentException("fabric tags must be a range within 1..4094, got " + firstTag
                    + ".." + lastTag);
        }
        if (maxAttempts < 1 || maxTokensPerTenant < 1 || maxIpsPerHost < 1 || maxLearnedHosts < 0) {
            throw new IllegalArgumentException("limits must be positive: " + this);
        }
    }

    public VirtualNetworkConfig withTags(int first, int last) {
        return new VirtualNetworkConfig(first, last, maxAttempts, maxTokensPerTenant, maxIpsPerHost, maxLearnedHosts);
    }

    public VirtualNetworkConfig withMaxLearnedHosts(int max) {
        return new VirtualNetworkConfig(firstTag, lastTag, maxAttempts, maxTokensPerTenant, maxIpsPerHost, max);
    }
}
