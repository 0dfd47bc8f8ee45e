package org.jinglegateway.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;

final class ComponentSessionTest {
    @Test
    void digest_isLowerCaseHexSha1OfStreamIdAndSecret() {
        // XEP-0114 §3; expected value computed with coreutils: printf 3BF96D32sharedsecret | sha1sum
        assertThat(ComponentSession.digest("3BF96D32", "sharedsecret"))
                .isEqualTo("3b6c216d9b55a7b4f3e82ab3e10cb81569f115d4");
    }

    @Test
    void streamError_isToldApartByCondition() throws Exception {
        Element error = DocumentHelper.parseText("<stream:error xmlns:stream='http://etherx.jabber.org/streams'>"
                + "<conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Replaced by new connection</text>"
                + "</stream:error>").getRootElement();
        StreamException e = ComponentSession.asStreamError(error).orElseThrow();
        assertThat(e.condition()).isEqualTo(StreamErrorCondition.CONFLICT);
        assertThat(e.getMessage()).isEqualTo("Replaced by new connection");
        assertThat(e.local()).isFalse();
    }

    @Test
    void ordinaryStanza_isNoStreamError() throws Exception {
        Element iq = DocumentHelper.parseText("<iq type='get' id='1'/>").getRootElement();
        assertThat(ComponentSession.asStreamError(iq)).isEmpty();
    }

    @Test
    void escape_coversTheFiveXmlSpecials() {
        assertThat(ComponentSession.escape("<a & 'b' \"c\">")).isEqualTo("&lt;a &amp; &apos;b&apos; &quot;c&quot;&gt;");
    }
}
