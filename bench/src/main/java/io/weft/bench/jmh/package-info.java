/**
 * {@code weft bench jmh}: runs the JMH microbenchmarks compiled into the bench's jar (the
 * OpenFlow codec, in src/jmh/java) and prints one human summary and, with {@code --json}, a
 * machine-readable line.
 */
package io.weft.bench.jmh;
