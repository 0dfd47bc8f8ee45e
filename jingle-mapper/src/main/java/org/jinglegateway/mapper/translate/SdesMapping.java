package org.jinglegateway.mapper.translate;

import static org.jinglegateway.mapper.jingle.JingleNames.CRYPTO_SUITE;
import static org.jinglegateway.mapper.jingle.JingleNames.KEY_PARAMS;
import static org.jinglegateway.mapper.jingle.JingleNames.REQUIRED;
import static org.jinglegateway.mapper.jingle.JingleNames.SESSION_PARAMS;
import static org.jinglegateway.mapper.jingle.JingleNames.TAG;

import java.util.ArrayList;
import java.util.List;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.jinglegateway.mapper.jingle.JingleNames.Tag;
import org.jinglegateway.mapper.jingle.RawXml;
import org.jinglegateway.mapper.jingle.StaxDom;
import org.jinglegateway.mapper.jingle.XmlText;
import org.jinglegateway.mapper.sdp.Crypto;

/**
 * SDES keys: RFC 4568 {@code a=crypto:<tag> <suite> <key-params> [<session-params>]} <-> XEP-0167 §8
 * {@code <encryption required><crypto tag crypto-suite key-params session-params/></encryption>} inside the RTP
 * description. Browsers never use SDES (RFC 8827), so this serves the converter and SDES-only peers' calls are
 * refused by the call layer; but no key line is lost or malformed on the way.
 */
final class SdesMapping {
    private SdesMapping() {
    }

    /** The media section's {@code a=crypto} lines as one {@code <encryption>}; required for a plain SAVP profile. */
    static RawXml toElement(List<Crypto> cryptos, boolean required) {
        Element e = DocumentHelper.createElement(QName.get(Tag.ENCRYPTION.local(), Tag.ENCRYPTION.namespace()));
        if (required) {
            e.addAttribute(REQUIRED, "1");
        }
        for (Crypto c : cryptos) {
            Element crypto = e.addElement(QName.get(Tag.CRYPTO.local(), Tag.CRYPTO.namespace()));
            crypto.addAttribute(CRYPTO_SUITE, c.suite());
            crypto.addAttribute(KEY_PARAMS, c.keyParams());
            if (!c.sessionParams().isEmpty()) {
                crypto.addAttribute(SESSION_PARAMS, String.join(" ", c.sessionParams()));
            }
            crypto.addAttribute(TAG, String.valueOf(c.tag()));
        }
        return new RawXml(XmlText.of(e));
    }

    /**
     * The keys for the {@code a=crypto} lines of the {@code <encryption>} elements in a description's extra
     * children. Every value is checked against RFC 4568's grammar (through {@link Crypto}); one that could break the
     * SDP is refused.
     */
    static List<Crypto> toCryptos(List<RawXml> extra, String where) {
        List<Crypto> out = new ArrayList<>();
        for (RawXml x : extra) {
            if (!Tag.ENCRYPTION.startsOf(x.xml())) {
                continue;
            }
            Element encryption = StaxDom.parse(x.xml());
            if (!Tag.ENCRYPTION.namespace().equals(encryption.getNamespaceURI())) {
                continue;
            }
            for (Element crypto : encryption.elements(Tag.CRYPTO.local())) {
                out.add(crypto(crypto, where));
            }
        }
        return out;
    }

    private static Crypto crypto(Element e, String where) {
        String session = e.attributeValue(SESSION_PARAMS);
        try {
            String tag = required(e, TAG, where);
            List<String> params = session == null || session.isEmpty() ? List.of() : List.of(session.split(" ", -1));
            return new Crypto(org.jinglegateway.mapper.internal.Decimals.parse(tag).stream()
                    .filter(v -> v <= 999_999_999).mapToInt(v -> (int) v).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("crypto tag must be a number 0-999999999,"
                            + " found \"" + tag + "\"")),
                    required(e, CRYPTO_SUITE, where), required(e, KEY_PARAMS, where), params);
        } catch (IllegalArgumentException ex) {
            throw new TranslationException(TranslationException.Kind.UNSAFE_VALUE, where, ex.getMessage());
        }
    }

    private static String required(Element e, String name, String where) {
        String v = e.attributeValue(name);
        if (v == null) {
            throw new TranslationException(TranslationException.Kind.MISSING, where, "<crypto/> needs " + name
                    + " (XEP-0167 §8)");
        }
        return v;
    }
}
