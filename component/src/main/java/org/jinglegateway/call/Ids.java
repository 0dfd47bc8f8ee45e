package org.jinglegateway.call;

import java.security.SecureRandom;

/** Random identifiers: Jingle sids, call ids, resources, stanza and candidate ids (unguessable, URL and XML safe). */
public final class Ids {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private final SecureRandom random = new SecureRandom();

    /** {@code length} characters of base32. */
    public String next(int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }
}
