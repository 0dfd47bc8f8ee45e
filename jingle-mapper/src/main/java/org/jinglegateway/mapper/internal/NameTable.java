package org.jinglegateway.mapper.internal;

/**
 * A fixed set of names found by their place in a text, without cutting a string: open addressing by
 * {@link String#hashCode} (so a name's own cached hash finds the same slot), for the SDP parser's attribute names
 * and the direct SDP to XML path's.
 */
public final class NameTable {
    private final String[] names;
    private final int[] values;

    /** @param size a power of two, at least twice the number of names */
    public NameTable(int size) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("a name table's size must be a power of two, found " + size);
        }
        names = new String[size];
        values = new int[size];
    }

    /** Adds a name with its value (set up once, before any look-up). */
    public void put(String name, int value) {
        int i = slot(hash(name, 0, name.length()));
        while (names[i] != null) {
            i = (i + 1) & (names.length - 1);
        }
        names[i] = name;
        values[i] = value;
    }

    /** The value of the name {@code text[from, to)}, or {@code missing}. */
    public int find(String text, int from, int to, int missing) {
        return find(text, from, to, hash(text, from, to), missing);
    }

    /**
     * The same with the name's {@link String#hashCode} given, for a caller that worked it out while looking for the
     * name's end: {@code h = 31 * h + c} over its characters.
     */
    public int find(String text, int from, int to, int hash, int missing) {
        int length = to - from;
        for (int i = slot(hash); names[i] != null; i = (i + 1) & (names.length - 1)) {
            String name = names[i];
            if (name.length() == length && text.startsWith(name, from)) {
                return values[i];
            }
        }
        return missing;
    }

    /** The value of this very string (identity: a copy of a name is not found), or {@code missing}. */
    public int findSame(String name, int missing) {
        for (int i = slot(name.hashCode()); names[i] != null; i = (i + 1) & (names.length - 1)) {
            if (names[i] == name) {
                return values[i];
            }
        }
        return missing;
    }

    /** {@link String#hashCode} of {@code text[from, to)}. */
    private static int hash(String text, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + text.charAt(i);
        }
        return h;
    }

    private int slot(int hash) {
        return (hash ^ hash >>> 7 ^ hash >>> 16) & (names.length - 1);
    }
}
