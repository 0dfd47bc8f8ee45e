package org.jinglegateway.mapper.candidate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jinglegateway.mapper.internal.Checks;

/**
 * One ICE candidate: {@code a=candidate} (RFC 8839 §5.1) and {@code <candidate/>} (XEP-0176 §5.3).
 *
 * <pre>a=candidate:842163049 1 udp 1677729535 192.0.2.7 52120 typ srflx raddr 10.0.0.2 rport 52120 generation 0
 * &lt;candidate component='1' foundation='842163049' generation='0' id='x1' ip='192.0.2.7' network='0'
 *     port='52120' priority='1677729535' protocol='udp' rel-addr='10.0.0.2' rel-port='52120' type='srflx'/&gt;</pre>
 *
 * @param foundation RFC 8839 {@code foundation} / XEP-0176 {@code foundation}
 * @param component  1 for RTP, 2 for RTCP
 * @param transport  {@code udp}, {@code tcp} or another token
 * @param priority   0 to 2^32-1
 * @param address    an IP address or a host name (mDNS {@code .local} names included); never whitespace
 * @param port       0-65535 (TCP active candidates use 9 or 0)
 * @param type       host, srflx, prflx, relay or another token
 * @param related    raddr/rport when present
 * @param tcpType    RFC 6544 tcptype, for TCP candidates (no XEP-0176 counterpart)
 * @param generation libwebrtc's {@code generation} extension / XEP-0176 {@code generation}
 * @param network    libwebrtc's {@code network-id} extension / XEP-0176 {@code network}
 * @param id         XEP-0176 {@code id}; SDP has no counterpart
 * @param extensions the remaining SDP extension pairs, in order
 */
public record IceCandidate(String foundation, int component, CandidateTransport transport, long priority,
                           String address, int port, CandidateType type, Optional<Related> related,
                           Optional<TcpType> tcpType, OptionalInt generation, OptionalInt network,
                           Optional<String> id, List<ExtensionPair> extensions) {

    /**
     * The {@code <candidate/>} attributes XEP-0176 §5.3 defines, and {@code tcptype} (RFC 6544, written as Jitsi
     * does): every other attribute is an extension.
     */
    public static final Set<String> XML_ATTRIBUTES = Set.of("component", "foundation", "generation", "id", "ip",
            "network", "port", "priority", "protocol", "rel-addr", "rel-port", "type", "tcptype");

    public IceCandidate {
        // RFC 8839: foundation = 1*32ice-char; we accept any token so odd peers still work, and never whitespace
        Checks.token(foundation, "candidate foundation");
        Checks.range(component, 1, 256, "candidate component");
        Objects.requireNonNull(transport, "candidate transport");
        Checks.range(priority, 0L, 0xFFFF_FFFFL, "candidate priority");
        Checks.field(address, "candidate address");
        Checks.range(port, 0, 65535, "candidate port");
        Objects.requireNonNull(type, "candidate type");
        Objects.requireNonNull(related, "related");
        Objects.requireNonNull(tcpType, "tcpType");
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(id, "id");
        id.ifPresent(v -> Checks.field(v, "candidate id"));
        extensions = List.copyOf(extensions);
    }

    /** A candidate with only the fields RFC 8839 requires. */
    public static IceCandidate of(String foundation, int component, CandidateTransport transport, long priority,
                                  String address, int port, CandidateType type) {
        return new IceCandidate(foundation, component, transport, priority, address, port, type, Optional.empty(),
                Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), List.of());
    }

    /** True for mDNS host names (RFC 8839 §5.1 allows an FQDN; browsers use {@code <uuid>.local}). */
    public boolean isMdns() {
        return address.endsWith(".local") || address.endsWith(".local.");
    }

    public IceCandidate withId(Optional<String> newId) {
        return new IceCandidate(foundation, component, transport, priority, address, port, type, related, tcpType,
                generation, network, newId, extensions);
    }

    public IceCandidate withExtensions(List<ExtensionPair> newExtensions) {
        return new IceCandidate(foundation, component, transport, priority, address, port, type, related, tcpType,
                generation, network, id, newExtensions);
    }

    public IceCandidate withGeneration(OptionalInt newGeneration) {
        return new IceCandidate(foundation, component, transport, priority, address, port, type, related, tcpType,
                newGeneration, network, id, extensions);
    }
}
