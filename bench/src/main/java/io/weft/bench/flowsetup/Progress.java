package io.weft.bench.flowsetup;

/** Where a long run reports how it is going (the terminal's standard error, or nowhere in tests). */
@FunctionalInterface
public interface Progress {
    Progress NONE = line -> {
    };

    void report(String line);
}
