package org.jinglegateway.mapper.jingle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.jinglegateway.mapper.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class RtpInfoTest {
    // StanzaJS's resume() sends <active/>, not <unhold/>: its genuine output, kept as captured
    @ParameterizedTest(name = "{0}")
    @CsvSource({"stanzajs/session-info-hold.xml,HOLD", "stanzajs/session-info-unhold.xml,ACTIVE",
        "stanzajs/session-info-mute.xml,MUTE", "stanzajs/session-info-unmute.xml,UNMUTE",
        "stanzajs/session-info-ringing.xml,RINGING"})
    void stanzaJsSessionInfo_isTyped(String fixture, RtpInfo.Kind kind) {
        Jingle j = JingleReader.read(Fixtures.read(fixture));
        assertThat(j.action()).isEqualTo(JingleAction.SESSION_INFO);
        List<RtpInfo> infos = RtpInfo.of(j);
        assertThat(infos).extracting(RtpInfo::kind).containsExactly(kind);
        // and back: the typed payload written again reads the same
        Jingle again = new Jingle(JingleAction.SESSION_INFO, j.sid(), Optional.empty(), Optional.empty(), List.of(),
                List.of(), Optional.empty(), infos.stream().map(RtpInfo::toRaw).toList());
        assertThat(RtpInfo.of(JingleReader.read(JingleWriter.toXml(again)))).isEqualTo(infos);
    }

    @Test
    void mute_carriesCreatorAndName() {
        Jingle j = JingleReader.read("<jingle xmlns='urn:xmpp:jingle:1' action='session-info' sid='s'><mute"
                + " xmlns='urn:xmpp:jingle:apps:rtp:info:1' creator='initiator' name='voice'/></jingle>");
        assertThat(RtpInfo.of(j)).containsExactly(new RtpInfo(RtpInfo.Kind.MUTE, Optional.of(Creator.INITIATOR),
                Optional.of("voice")));
    }

    @Test
    void emptySessionInfo_isAPing() {
        Jingle j = JingleReader.read("<jingle xmlns='urn:xmpp:jingle:1' action='session-info' sid='s'/>");
        assertThat(RtpInfo.of(j)).isEmpty();
    }
}
