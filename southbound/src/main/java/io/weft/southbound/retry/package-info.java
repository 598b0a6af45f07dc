/**
 * Failed flow rules sent again: {@link io.weft.southbound.retry.RetryingFlowRuleService} wraps
 * any {@link io.weft.southbound.api.FlowRuleService} and re-sends the added and modified rules a
 * switch refused or did not confirm, after an exponential backoff with jitter, batched per
 * device and never more than one retry batch per device at a time. It knows no protocol.
 */
package io.weft.southbound.retry;
