/** Reactive forwarding: per-switch MAC learning with flow rules for known destinations. */
package io.weft.apps.forwarding;
