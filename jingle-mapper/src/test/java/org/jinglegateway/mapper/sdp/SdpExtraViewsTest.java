package org.jinglegateway.mapper.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Typed views for a=msid, a=sctpmap, a=crypto, a=rid and a=simulcast: read, write back as written, fail clearly. */
final class SdpExtraViewsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"7a2b3c4d 0f1e2d3c", "{1a2b3c4d-0000-4000-8000-000000000001} {1a2b-0002}",
        "- 0f1e2d3c", "stream-only"})
    void msid_writesBackAsWritten(String value) {
        assertThat(Msid.parse(value).toValue()).isEqualTo(value);
    }

    @Test
    void msid_readsIdAndAppData() {
        assertThat(Msid.parse("s t")).isEqualTo(new Msid("s", Optional.of("t")));
    }

    @Test
    void sctpmap_readsDraftForm() {
        assertThat(SctpMap.parse("5000 webrtc-datachannel 1024"))
                .isEqualTo(new SctpMap(5000, "webrtc-datachannel", OptionalInt.of(1024)));
        assertThat(SctpMap.parse("5000 webrtc-datachannel").toValue()).isEqualTo("5000 webrtc-datachannel");
    }

    @Test
    void sctpmap_badNumber_namesTheField() {
        assertThatThrownBy(() -> SctpMap.parse("x webrtc-datachannel"))
                .hasMessage("sctpmap number must be a number 0-65535, found \"x\"");
    }

    @Test
    void crypto_keepsKeyAndSessionParams() {
        String value = "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32"
                + " UNENCRYPTED_SRTCP";

        Crypto c = Crypto.parse(value);

        assertThat(c.sessionParams()).isEqualTo(List.of("UNENCRYPTED_SRTCP"));
        assertThat(c.toValue()).isEqualTo(value);
    }

    @Test
    void cryptoWithoutKey_saysWhatIsNeeded() {
        assertThatThrownBy(() -> Crypto.parse("1 AES_CM_128_HMAC_SHA1_80"))
                .hasMessage("crypto needs <tag> <crypto-suite> <key-params>, found \"1 AES_CM_128_HMAC_SHA1_80\"");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h send", "l recv", "q send pt=96;max-width=320"})
    void rid_writesBackAsWritten(String value) {
        assertThat(Rid.parse(value).toValue()).isEqualTo(value);
    }

    @Test
    void rid_badDirection_isRefused() {
        assertThatThrownBy(() -> Rid.parse("h sendrecv"))
                .hasMessage("rid needs <rid-id> send|recv [<restrictions>], found \"h sendrecv\"");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"send h;m;l", "recv 0;1;2", "send h;~m recv x,y"})
    void simulcast_writesBackAsWritten(String value) {
        assertThat(Simulcast.parse(value).toValue()).isEqualTo(value);
    }

    @Test
    void simulcast_recvBeforeSend_readsBothAndWritesSendFirst() {
        Simulcast s = Simulcast.parse("recv x send h;l");

        assertThat(s).isEqualTo(new Simulcast(Optional.of("h;l"), Optional.of("x")));
        assertThat(s.toValue()).isEqualTo("send h;l recv x");
    }

    @Test
    void simulcast_repeatedDirection_isRefused() {
        assertThatThrownBy(() -> Simulcast.parse("send a send b"))
                .hasMessage("simulcast needs send|recv <streams>, each at most once, found \"send a send b\"");
    }
}
