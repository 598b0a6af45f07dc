package io.weft.bench.fabric;

/** A cable between two ports of two different switches; the controller should see it as two links. */
public record Cable(Endpoint a, Endpoint b) {
    public Cable {
        if (a.switchIndex() == b.switchIndex()) {
            throw new IllegalArgumentException("a cable joins two switches, not " + a + " and " + b);
        }
    }

    /** The other end of the cable from {@code end}. */
    public Endpoint peer(Endpoint end) {
        if (end.equals(a)) {
            return b;
        }
        if (end.equals(b)) {
            return a;
        }
        throw new IllegalArgumentException(end + " is not an end of " + this);
    }

    @Override
    public String toString() {
        return a + "<->" + b;
    }
}
