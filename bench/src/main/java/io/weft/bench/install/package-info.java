/**
 * {@code weft bench install}: how fast flow rules reach switches and are confirmed by
 * barrier. Weft's southbound runs in process ({@link io.weft.southbound.openflow.OpenFlowServer}
 * driven through {@link io.weft.southbound.api.FlowRuleService#apply}) against emulated
 * switches over real loopback TCP; the same switches' raw receive rate of pre-encoded flow
 * mods from a plain Netty writer, measured in the same run, is the ceiling it is compared to.
 */
package io.weft.bench.install;
