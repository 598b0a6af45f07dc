package io.weft.bench.fabric;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fabrics the bench builds, from their command-line names: {@code linear,N},
 * {@code ring,N}, {@code fattree,K} (k even, 4..8) and {@code grid,RxC}.
 *
 * <p>Port numbering, so a reader can follow a trace: on a line or ring, port 1 leads to the
 * previous switch, 2 to the next, 3 to a host. On a grid, ports 1..4 lead north, east, south
 * and west, port 5 to a host. On a fat-tree every switch has k ports: an edge switch's ports
 * 1..k/2 are for hosts and k/2+1.. lead to its pod's aggregation switches; an aggregation
 * switch's ports 1..k/2 lead down to the pod's edge switches and k/2+1.. up to the core; core
 * switch port p+1 leads to pod p.
 */
public final class Fabrics {
    private Fabrics() {
    }

    public static Fabric parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        int comma = s.indexOf(',');
        if (comma < 0) {
            throw new IllegalArgumentException("a topology is KIND,SIZE: linear,N | ring,N | fattree,K | grid,RxC;"
                    + " was '" + spec + "'");
        }
        String kind = s.substring(0, comma);
        String size = s.substring(comma + 1);
        return switch (kind) {
            case "linear" -> linear(number(size, spec));
            case "ring" -> ring(number(size, spec));
            case "fattree", "fat-tree" -> fatTree(number(size, spec));
            case "grid" -> {
                int x = size.indexOf('x');
                if (x < 0) {
                    throw new IllegalArgumentException("a grid is grid,RxC (rows x columns), was '" + spec + "'");
                }
                yield grid(number(size.substring(0, x), spec), number(size.substring(x + 1), spec));
            }
            default -> throw new IllegalArgumentException("unknown topology kind '" + kind
                    + "': linear, ring, fattree or grid");
        };
    }

    private static int number(String text, String spec) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' in '" + spec + "' is not a number");
        }
    }

    public static Fabric linear(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("linear needs at least 1 switch, was " + n);
        }
        return chain("linear," + n, n, false);
    }

    public static Fabric ring(int n) {
        if (n < 3) {
            throw new IllegalArgumentException("a ring needs at least 3 switches, was " + n);
        }
        return chain("ring," + n, n, true);
    }

    private static Fabric chain(String name, int n, boolean closed) {
        List<Cable> cables = new ArrayList<>();
        List<Endpoint> hosts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i + 1 < n) {
                cables.add(new Cable(new Endpoint(i, 2), new Endpoint(i + 1, 1)));
            }
            hosts.add(new Endpoint(i, 3));
        }
        if (closed) {
            cables.add(new Cable(new Endpoint(n - 1, 2), new Endpoint(0, 1)));
        }
        return new Fabric(name, n, 3, cables, hosts);
    }

    public static Fabric grid(int rows, int columns) {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("a grid needs at least 1x1 switches, was " + rows + "x" + columns);
        }
        if ((long) rows * columns > Fabric.MAX_SWITCHES) {
            throw new IllegalArgumentException("grid," + rows + "x" + columns + " has more than "
                    + Fabric.MAX_SWITCHES + " switches");
        }
        List<Cable> cables = new ArrayList<>();
        List<Endpoint> hosts = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                int here = r * columns + c;
                if (c + 1 < columns) {
                    cables.add(new Cable(new Endpoint(here, 2), new Endpoint(here + 1, 4)));
                }
                if (r + 1 < rows) {
                    cables.add(new Cable(new Endpoint(here, 3), new Endpoint(here + columns, 1)));
                }
                hosts.add(new Endpoint(here, 5));
            }
        }
        return new Fabric("grid," + rows + "x" + columns, rows * columns, 5, cables, hosts);
    }

    /**
     * The k-ary fat-tree of Al-Fares et al.: (k/2)^2 core switches, then per pod k/2
     * aggregation and k/2 edge switches; k^3/2 cables; hosts on the edge switches' lower ports.
     * Switches are numbered core first, then pod by pod aggregation before edge.
     */
    public static Fabric fatTree(int k) {
        if (k < 4 || k > 8 || k % 2 != 0) {
            throw new IllegalArgumentException("fattree,K takes an even k within 4..8, was " + k);
        }
        int half = k / 2;
        int cores = half * half;
        List<Cable> cables = new ArrayList<>();
        List<Endpoint> hosts = new ArrayList<>();
        for (int pod = 0; pod < k; pod++) {
            for (int a = 0; a < half; a++) {
                int agg = cores + pod * k + a;
                for (int e = 0; e < half; e++) {
                    int edge = cores + pod * k + half + e;
                    cables.add(new Cable(new Endpoint(edge, half + 1 + a), new Endpoint(agg, 1 + e)));
                }
                for (int j = 0; j < half; j++) {
                    int core = a * half + j;
                    cables.add(new Cable(new Endpoint(agg, half + 1 + j), new Endpoint(core, 1 + pod)));
                }
            }
            for (int e = 0; e < half; e++) {
                int edge = cores + pod * k + half + e;
                for (int h = 1; h <= half; h++) {
                    hosts.add(new Endpoint(edge, h));
                }
            }
        }
        return new Fabric("fattree," + k, cores + k * k, k, cables, hosts);
    }
}
