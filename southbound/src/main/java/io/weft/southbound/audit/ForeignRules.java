package io.weft.southbound.audit;

/** What the audit does with rules whose cookie does not say they are Weft's. */
public enum ForeignRules {
    /** Leave them: another tool or an operator put them there on purpose. */
    KEEP,
    /** Remove them: Weft alone programs these switches. */
    REMOVE
}
