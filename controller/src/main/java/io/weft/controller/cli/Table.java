package io.weft.controller.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Columns aligned with two spaces between, headers in capitals, as {@code kubectl} and {@code docker} print. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final int width;

    Table(String... headers) {
        this.width = headers.length;
        rows.add(headers);
    }

    Table row(Object... cells) {
        if (cells.length != width) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + width);
        }
        rows.add(Arrays.stream(cells).map(c -> c == null ? "" : c.toString()).toArray(String[]::new));
        return this;
    }

    void print(PrintWriter out) {
        int[] widths = new int[width];
        for (String[] row : rows) {
            for (int i = 0; i < width; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < width; i++) {
                line.append(row[i]);
                if (i < width - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }
}
