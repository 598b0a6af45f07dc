package io.weft.northbound.service;

/** The values an integer field may take, both ends included; the one place its refusal is worded. */
public record Range(long min, long max) {
    public Range {
        if (min > max) {
            throw new IllegalArgumentException("an empty range: " + min + ".." + max);
        }
    }

    /** The value, or an {@link ServiceException.Kind#INVALID} naming the field. */
    public long check(String field, long value) {
        if (value < min || value > max) {
            throw outside(field, Long.toString(value));
        }
        return value;
    }

    /** The refusal of a value outside the range, given as the request wrote it (it may not fit a long). */
    public ServiceException outside(String field, String written) {
        return ServiceException.invalid(Fields.name(field) + " must be within " + min + ".." + max + ", was "
                + ServiceException.echo(written));
    }
}
