package org.jinglegateway.mapper.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jinglegateway.mapper.MapperException;
import org.jinglegateway.mapper.jingle.Jingle;
import org.jinglegateway.mapper.jingle.JingleReader;
import org.jinglegateway.mapper.jingle.JingleWriter;
import org.jinglegateway.mapper.sdp.SdpParser;
import org.jinglegateway.mapper.sdp.SdpWriter;
import org.jinglegateway.mapper.sdp.SessionDescription;
import org.jinglegateway.mapper.translate.JingleToSdp;
import org.jinglegateway.mapper.translate.Role;
import org.jinglegateway.mapper.translate.SdpToJingle;

/**
 * Jazzer fuzz tests. In CI they run in regression mode: each input under
 * {@code src/test/resources/org/jinglegateway/mapper/fuzz/MapperFuzzTestInputs/<method>/} (copies of client
 * fixtures, plus every crash Jazzer finds, committed) runs once. Fuzz locally with {@code JAZZER_FUZZ=1 mvn -pl
 * jingle-mapper test -Dtest=MapperFuzzTest}.
 */
final class MapperFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void sdp_parsesAndTranslatesOrRaisesOnlyMapperExceptions(byte[] input) {
        String text = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        SessionDescription sdp;
        try {
            sdp = SdpParser.parse(text).value();
        } catch (MapperException expected) {
            return;
        }
        assertThat(SdpParser.parse(SdpWriter.write(sdp)).value()).isEqualTo(sdp);
        try {
            Jingle j = SdpToJingle.translate(sdp, SdpToJingle.Request.offer("s")).value();
            assertThat(JingleReader.read(JingleWriter.toXml(j))).isEqualTo(j);
        } catch (MapperException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void jingle_readsAndTranslatesOrRaisesOnlyMapperExceptions(byte[] input) {
        Jingle j;
        try {
            j = JingleReader.read(new String(input, java.nio.charset.StandardCharsets.UTF_8));
        } catch (MapperException expected) {
            return;
        }
        assertThat(JingleReader.read(JingleWriter.toXml(j))).isEqualTo(j);
        try {
            SessionDescription sdp = JingleToSdp.translate(j, Role.INITIATOR).value();
            assertThat(SdpParser.parse(SdpWriter.write(sdp)).value()).isEqualTo(sdp);
        } catch (MapperException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
