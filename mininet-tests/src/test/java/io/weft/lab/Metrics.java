package io.weft.lab;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One reading of the controller's {@code /metrics}: every sample of the Prometheus text
 * format, keyed by its series ({@code name} or {@code name{labels}}).
 */
public record Metrics(Map<String, Double> samples) {

    public Metrics {
        samples = Map.copyOf(samples);
    }

    /** Reads the Prometheus text exposition format; comments and blank lines are skipped. */
    public static Metrics parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int seriesEnd = seriesEnd(line);
            String[] rest = line.substring(seriesEnd).strip().split("\\s+");
            if (seriesEnd == 0 || rest.length == 0 || rest[0].isEmpty()) {
                throw new IllegalArgumentException("not a Prometheus sample line: " + raw);
            }
            samples.put(line.substring(0, seriesEnd), value(rest[0], raw));
        }
        return new Metrics(samples);
    }

    /** A metric's value summed over all its label sets; 0 if it has no sample at all. */
    public double value(String name) {
        return samples.entrySet().stream()
                .filter(sample -> metricName(sample.getKey()).equals(name))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** Every metric whose name starts with {@code prefix}, each summed over its label sets. */
    public Map<String, Double> withPrefix(String prefix) {
        Map<String, Double> found = new TreeMap<>();
        samples.forEach((series, value) -> {
            String name = metricName(series);
            if (name.startsWith(prefix)) {
                found.merge(name, value, Double::sum);
            }
        });
        return found;
    }

    /** How much each metric with the prefix grew since {@code before} (absent before counts as 0). */
    public Map<String, Double> growthSince(Metrics before, String prefix) {
        Map<String, Double> earlier = before.withPrefix(prefix);
        Map<String, Double> growth = new TreeMap<>();
        withPrefix(prefix).forEach((name, value) -> growth.put(name, value - earlier.getOrDefault(name, 0.0)));
        return growth;
    }

    private static String metricName(String series) {
        int labels = series.indexOf('{');
        return labels < 0 ? series : series.substring(0, labels);
    }

    /** Where the series (name and labels) ends; label values may hold spaces, braces and escaped quotes. */
    private static int seriesEnd(String line) {
        int i = 0;
        while (i < line.length() && !Character.isWhitespace(line.charAt(i)) && line.charAt(i) != '{') {
            i++;
        }
        if (i == line.length() || line.charAt(i) != '{') {
            return i;
        }
        boolean quoted = false;
        for (i++; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("labels never closed: " + line);
    }

    private static double value(String text, String line) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a Prometheus sample value in: " + line, e);
                }
            }
        };
    }
}
