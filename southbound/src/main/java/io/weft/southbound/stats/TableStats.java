package io.weft.southbound.stats;

/**
 * One flow table's counters.
 *
 * @param activeEntries the rules it holds now
 * @param lookups       packets looked up in it
 * @param matches       packets that matched a rule of it
 */
public record TableStats(int table, long activeEntries, long lookups, long matches) {
    public TableStats {
        if (table < 0 || table > 0xff) {
            throw new IllegalArgumentException("table must be within 0..255, was " + table);
        }
    }
}
