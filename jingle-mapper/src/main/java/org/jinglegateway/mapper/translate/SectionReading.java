package org.jinglegateway.mapper.translate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jinglegateway.mapper.MappingNote;
import org.jinglegateway.mapper.candidate.IceCandidate;
import org.jinglegateway.mapper.jingle.Parameter;
import org.jinglegateway.mapper.sdp.Crypto;
import org.jinglegateway.mapper.sdp.Direction;
import org.jinglegateway.mapper.sdp.ExtMap;
import org.jinglegateway.mapper.sdp.Fmtp;
import org.jinglegateway.mapper.sdp.Group;
import org.jinglegateway.mapper.sdp.RtcpFb;
import org.jinglegateway.mapper.sdp.RtpMap;
import org.jinglegateway.mapper.sdp.SsrcGroup;

/**
 * What the {@link MappingTable} rows read from one SDP section (the session level, or one media section), in one
 * pass over its attributes. Single-valued attributes keep their first occurrence, as RFC 8866 readers do.
 */
final class SectionReading {
    final String where;
    final Role writer;
    final List<MappingNote> notes;

    Optional<Direction> direction = Optional.empty();
    final Map<Integer, RtpMap> rtpmaps = new LinkedHashMap<>();
    final Map<String, Fmtp> fmtps = new HashMap<>();
    /** rtcp-fb by payload type ({@code *} included): Chrome's video m-line has ~60 of them for ~23 payloads. */
    final Map<String, List<RtcpFb>> feedback = new HashMap<>();
    Optional<String> ptime = Optional.empty();
    Optional<String> maxptime = Optional.empty();
    final List<ExtMap> extmaps = new ArrayList<>();
    boolean extmapAllowMixed;
    final Map<Long, List<Parameter>> sources = new LinkedHashMap<>();
    final List<SsrcGroup> ssrcGroups = new ArrayList<>();
    Optional<String> msid = Optional.empty();
    boolean rtcpMux;
    final List<Crypto> cryptos = new ArrayList<>();
    Optional<String> ufrag = Optional.empty();
    Optional<String> pwd = Optional.empty();
    Optional<String> setup = Optional.empty();
    final List<org.jinglegateway.mapper.sdp.Fingerprint> fingerprints = new ArrayList<>();
    final List<IceCandidate> candidates = new ArrayList<>();
    Optional<String> sctpPort = Optional.empty();
    Optional<String> sctpmapPort = Optional.empty();
    Optional<String> maxMessageSize = Optional.empty();
    final List<Group> groups = new ArrayList<>();

    SectionReading(String where, Role writer, List<MappingNote> notes) {
        this.where = where;
        this.writer = writer;
        this.notes = notes;
    }

    void dropped(String name) {
        notes.add(new MappingNote(MappingNote.Kind.DROPPED, where, "a=" + name + " has no Jingle counterpart"));
    }
}
