package org.jinglegateway.mapper.sdp;

import java.util.List;

/**
 * Writes the rtpmap, rtcp-fb and fmtp lines of a media section grouped per format in m= line order, as libwebrtc
 * does ({@code a=rtpmap:111 ...}, its {@code a=rtcp-fb:111 ...} lines, {@code a=fmtp:111 ...}), then the lines
 * whose format is not on the m= line and {@code a=rtcp-fb:*}, in model order. Every line is written exactly once.
 */
final class PayloadLines {
    private PayloadLines() {
    }

    static void write(StringBuilder b, MediaDescription m) {
        List<RtpMap> rtpmaps = m.rtpmaps();
        List<RtcpFb> fbs = m.rtcpFbs();
        List<Fmtp> fmtps = m.fmtps();
        boolean[] rtpmapDone = new boolean[rtpmaps.size()];
        boolean[] fbDone = new boolean[fbs.size()];
        boolean[] fmtpDone = new boolean[fmtps.size()];
        for (String format : m.formats()) {
            int pt = PayloadOrder.payloadType(format);
            for (int i = 0; i < rtpmaps.size(); i++) {
                if (!rtpmapDone[i] && rtpmaps.get(i).payloadType() == pt) {
                    rtpmapDone[i] = true;
                    rtpmap(b, rtpmaps.get(i));
                }
            }
            for (int i = 0; i < fbs.size(); i++) {
                if (!fbDone[i] && fbs.get(i).payloadType().isPresent() && fbs.get(i).payloadType().getAsInt() == pt) {
                    fbDone[i] = true;
                    rtcpFb(b, fbs.get(i));
                }
            }
            for (int i = 0; i < fmtps.size(); i++) {
                if (!fmtpDone[i] && fmtps.get(i).format().equals(format)) {
                    fmtpDone[i] = true;
                    fmtp(b, fmtps.get(i));
                }
            }
        }
        for (int i = 0; i < rtpmaps.size(); i++) {
            if (!rtpmapDone[i]) {
                rtpmap(b, rtpmaps.get(i));
            }
        }
        for (int i = 0; i < fbs.size(); i++) {
            if (!fbDone[i]) {
                rtcpFb(b, fbs.get(i));
            }
        }
        for (int i = 0; i < fmtps.size(); i++) {
            if (!fmtpDone[i]) {
                fmtp(b, fmtps.get(i));
            }
        }
    }

    private static void rtpmap(StringBuilder b, RtpMap r) {
        b.append("a=rtpmap:").append(r.payloadType()).append(' ').append(r.encodingName()).append('/')
                .append(r.clockRate());
        r.channels().ifPresent(c -> b.append('/').append(c));
        b.append("\r\n");
    }

    private static void rtcpFb(StringBuilder b, RtcpFb f) {
        b.append("a=rtcp-fb:");
        if (f.payloadType().isPresent()) {
            b.append(f.payloadType().getAsInt());
        } else {
            b.append('*');
        }
        b.append(' ').append(f.type());
        f.parameters().ifPresent(p -> b.append(' ').append(p));
        b.append("\r\n");
    }

    private static void fmtp(StringBuilder b, Fmtp f) {
        b.append("a=fmtp:").append(f.format()).append(' ');
        List<FmtpParameter> params = f.parameters();
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                b.append(';');
            }
            FmtpParameter p = params.get(i);
            p.name().ifPresent(n -> b.append(n).append('='));
            b.append(p.value());
        }
        b.append("\r\n");
    }
}
