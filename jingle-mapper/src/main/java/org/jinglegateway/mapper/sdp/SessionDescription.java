package org.jinglegateway.mapper.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jinglegateway.mapper.internal.Checks;

/**
 * A whole SDP (RFC 8866 §5): the session-level lines ({@code v=0}, {@code o=}, {@code s=}, ... {@code t=}) with the
 * session-level attributes typed as JSEP (RFC 9429 §5.2.1) uses them, unknown ones kept in order, and the media
 * descriptions. Build one with {@link #builder()}.
 *
 * @param origin {@code o=} (RFC 8866 §5.2)
 * @param sessionName {@code s=} (RFC 8866 §5.3), {@code -} in WebRTC
 * @param information {@code i=} (RFC 8866 §5.4)
 * @param uri {@code u=} (RFC 8866 §5.5)
 * @param emails {@code e=} lines (RFC 8866 §5.6)
 * @param phones {@code p=} lines (RFC 8866 §5.6)
 * @param connection session-level {@code c=} (RFC 8866 §5.7)
 * @param bandwidths session-level {@code b=} lines (RFC 8866 §5.8)
 * @param timings {@code t=} lines with their {@code r=} lines (RFC 8866 §5.9, §5.10); at least one
 * @param timeZones {@code z=} (RFC 8866 §5.11), as written
 * @param iceLite {@code a=ice-lite} (RFC 8839 §5.3)
 * @param iceUfrag session-level {@code a=ice-ufrag} (RFC 8839 §5.4)
 * @param icePwd session-level {@code a=ice-pwd} (RFC 8839 §5.4)
 * @param iceOptions session-level {@code a=ice-options} tags (RFC 8839 §5.6)
 * @param fingerprints session-level {@code a=fingerprint} (RFC 8122 §5)
 * @param setup session-level {@code a=setup} (RFC 8842 §5.1)
 * @param groups {@code a=group} (RFC 5888 §5, RFC 8843 §7.1)
 * @param extmapAllowMixed {@code a=extmap-allow-mixed} (RFC 8285 §6)
 * @param msidSemantics {@code a=msid-semantic} lines
 * @param extmaps session-level {@code a=extmap} (RFC 8285 §8)
 * @param direction session-level direction (RFC 8866 §6.7)
 * @param unknownAttributes every other session-level {@code a=} line, in order
 * @param media the media descriptions in order
 */
public record SessionDescription(
        Origin origin,
        String sessionName,
        Optional<String> information,
        Optional<String> uri,
        List<String> emails,
        List<String> phones,
        Optional<Connection> connection,
        List<Bandwidth> bandwidths,
        List<Timing> timings,
        Optional<String> timeZones,
        boolean iceLite,
        Optional<String> iceUfrag,
        Optional<String> icePwd,
        List<String> iceOptions,
        List<Fingerprint> fingerprints,
        Optional<Setup> setup,
        List<Group> groups,
        boolean extmapAllowMixed,
        List<MsidSemantic> msidSemantics,
        List<ExtMap> extmaps,
        Optional<Direction> direction,
        List<UnknownAttribute> unknownAttributes,
        List<MediaDescription> media) {

    public SessionDescription {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(sessionName, "sessionName");
        SdpText.lineEnd(sessionName, "session name");
        if (sessionName.isEmpty()) {
            throw new IllegalArgumentException("session name must not be empty (RFC 8866 §5.3: use \"-\")");
        }
        Objects.requireNonNull(information, "information");
        information.ifPresent(i -> SdpText.lineEnd(i, "session information"));
        Objects.requireNonNull(uri, "uri");
        uri.ifPresent(u -> Checks.field(u, "uri"));
        emails = List.copyOf(emails);
        emails.forEach(e -> SdpText.lineEnd(e, "email"));
        phones = List.copyOf(phones);
        phones.forEach(p -> SdpText.lineEnd(p, "phone"));
        Objects.requireNonNull(connection, "connection");
        bandwidths = List.copyOf(bandwidths);
        timings = List.copyOf(timings);
        if (timings.isEmpty()) {
            throw new IllegalArgumentException("a session needs at least one t= line (RFC 8866 §5.9)");
        }
        Objects.requireNonNull(timeZones, "timeZones");
        timeZones.ifPresent(z -> SdpText.lineEnd(z, "time zones"));
        Objects.requireNonNull(iceUfrag, "iceUfrag");
        iceUfrag.ifPresent(u -> Checks.field(u, "ice-ufrag"));
        Objects.requireNonNull(icePwd, "icePwd");
        icePwd.ifPresent(p -> Checks.field(p, "ice-pwd"));
        iceOptions = List.copyOf(iceOptions);
        iceOptions.forEach(o -> Checks.token(o, "ice-options"));
        fingerprints = List.copyOf(fingerprints);
        Objects.requireNonNull(setup, "setup");
        groups = List.copyOf(groups);
        msidSemantics = List.copyOf(msidSemantics);
        extmaps = List.copyOf(extmaps);
        Objects.requireNonNull(direction, "direction");
        unknownAttributes = List.copyOf(unknownAttributes);
        media = List.copyOf(media);

    }

    /** A builder holding this value's fields, for edits larger than one {@code withX}. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.origin = origin;
        b.sessionName = sessionName;
        b.information = information;
        b.uri = uri;
        b.emails = emails;
        b.phones = phones;
        b.connection = connection;
        b.bandwidths = bandwidths;
        b.timings = timings;
        b.timeZones = timeZones;
        b.iceLite = iceLite;
        b.iceUfrag = iceUfrag;
        b.icePwd = icePwd;
        b.iceOptions = iceOptions;
        b.fingerprints = fingerprints;
        b.setup = setup;
        b.groups = groups;
        b.extmapAllowMixed = extmapAllowMixed;
        b.msidSemantics = msidSemantics;
        b.extmaps = extmaps;
        b.direction = direction;
        b.unknownAttributes = unknownAttributes;
        b.media = media;
        return b;
    }

    /** A builder with {@code s=-} and {@code t=0 0} preset; the origin is required. */
    public static Builder builder() {
        return new Builder().sessionName("-").timings(List.of(Timing.unbounded()));
    }

    /** The BUNDLE group (RFC 8843 §7.1), if any. */
    public Optional<Group> bundleGroup() {
        for (Group g : groups) {
            if (g.semantics().equals("BUNDLE")) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    public SessionDescription withOrigin(Origin newOrigin) {
        return toBuilder().origin(newOrigin).build();
    }

    public SessionDescription withMedia(List<MediaDescription> newMedia) {
        return toBuilder().media(newMedia).build();
    }

    /** Builds a {@link SessionDescription}. Lists are copied by {@link #build()}. */
    public static final class Builder {
        private Origin origin = null;
        private String sessionName = null;
        private Optional<String> information = Optional.empty();
        private Optional<String> uri = Optional.empty();
        private List<String> emails = List.of();
        private List<String> phones = List.of();
        private Optional<Connection> connection = Optional.empty();
        private List<Bandwidth> bandwidths = List.of();
        private List<Timing> timings = List.of();
        private Optional<String> timeZones = Optional.empty();
        private boolean iceLite = false;
        private Optional<String> iceUfrag = Optional.empty();
        private Optional<String> icePwd = Optional.empty();
        private List<String> iceOptions = List.of();
        private List<Fingerprint> fingerprints = List.of();
        private Optional<Setup> setup = Optional.empty();
        private List<Group> groups = List.of();
        private boolean extmapAllowMixed = false;
        private List<MsidSemantic> msidSemantics = List.of();
        private List<ExtMap> extmaps = List.of();
        private Optional<Direction> direction = Optional.empty();
        private List<UnknownAttribute> unknownAttributes = List.of();
        private List<MediaDescription> media = List.of();

        public Builder origin(Origin value) {
            this.origin = value;
            return this;
        }
        public Builder sessionName(String value) {
            this.sessionName = value;
            return this;
        }
        public Builder information(Optional<String> value) {
            this.information = value;
            return this;
        }
        public Builder information(String value) {
            this.information = Optional.of(value);
            return this;
        }
        public Builder uri(Optional<String> value) {
            this.uri = value;
            return this;
        }
        public Builder uri(String value) {
            this.uri = Optional.of(value);
            return this;
        }
        public Builder emails(List<String> value) {
            this.emails = value;
            return this;
        }
        public Builder addEmail(String value) {
            if (!(this.emails instanceof ArrayList)) {
                this.emails = new ArrayList<>(this.emails);
            }
            this.emails.add(value);
            return this;
        }
        public Builder phones(List<String> value) {
            this.phones = value;
            return this;
        }
        public Builder addPhone(String value) {
            if (!(this.phones instanceof ArrayList)) {
                this.phones = new ArrayList<>(this.phones);
            }
            this.phones.add(value);
            return this;
        }
        public Builder connection(Optional<Connection> value) {
            this.connection = value;
            return this;
        }
        public Builder connection(Connection value) {
            this.connection = Optional.of(value);
            return this;
        }
        public Builder bandwidths(List<Bandwidth> value) {
            this.bandwidths = value;
            return this;
        }
        public Builder addBandwidth(Bandwidth value) {
            if (!(this.bandwidths instanceof ArrayList)) {
                this.bandwidths = new ArrayList<>(this.bandwidths);
            }
            this.bandwidths.add(value);
            return this;
        }
        public Builder timings(List<Timing> value) {
            this.timings = value;
            return this;
        }
        public Builder addTiming(Timing value) {
            if (!(this.timings instanceof ArrayList)) {
                this.timings = new ArrayList<>(this.timings);
            }
            this.timings.add(value);
            return this;
        }
        public Builder timeZones(Optional<String> value) {
            this.timeZones = value;
            return this;
        }
        public Builder timeZones(String value) {
            this.timeZones = Optional.of(value);
            return this;
        }
        public Builder iceLite(boolean value) {
            this.iceLite = value;
            return this;
        }
        public Builder iceUfrag(Optional<String> value) {
            this.iceUfrag = value;
            return this;
        }
        public Builder iceUfrag(String value) {
            this.iceUfrag = Optional.of(value);
            return this;
        }
        public Builder icePwd(Optional<String> value) {
            this.icePwd = value;
            return this;
        }
        public Builder icePwd(String value) {
            this.icePwd = Optional.of(value);
            return this;
        }
        public Builder iceOptions(List<String> value) {
            this.iceOptions = value;
            return this;
        }
        public Builder addIceOption(String value) {
            if (!(this.iceOptions instanceof ArrayList)) {
                this.iceOptions = new ArrayList<>(this.iceOptions);
            }
            this.iceOptions.add(value);
            return this;
        }
        public Builder fingerprints(List<Fingerprint> value) {
            this.fingerprints = value;
            return this;
        }
        public Builder addFingerprint(Fingerprint value) {
            if (!(this.fingerprints instanceof ArrayList)) {
                this.fingerprints = new ArrayList<>(this.fingerprints);
            }
            this.fingerprints.add(value);
            return this;
        }
        public Builder setup(Optional<Setup> value) {
            this.setup = value;
            return this;
        }
        public Builder setup(Setup value) {
            this.setup = Optional.of(value);
            return this;
        }
        public Builder groups(List<Group> value) {
            this.groups = value;
            return this;
        }
        public Builder addGroup(Group value) {
            if (!(this.groups instanceof ArrayList)) {
                this.groups = new ArrayList<>(this.groups);
            }
            this.groups.add(value);
            return this;
        }
        public Builder extmapAllowMixed(boolean value) {
            this.extmapAllowMixed = value;
            return this;
        }
        public Builder msidSemantics(List<MsidSemantic> value) {
            this.msidSemantics = value;
            return this;
        }
        public Builder addMsidSemantic(MsidSemantic value) {
            if (!(this.msidSemantics instanceof ArrayList)) {
                this.msidSemantics = new ArrayList<>(this.msidSemantics);
            }
            this.msidSemantics.add(value);
            return this;
        }
        public Builder extmaps(List<ExtMap> value) {
            this.extmaps = value;
            return this;
        }
        public Builder addExtmap(ExtMap value) {
            if (!(this.extmaps instanceof ArrayList)) {
                this.extmaps = new ArrayList<>(this.extmaps);
            }
            this.extmaps.add(value);
            return this;
        }
        public Builder direction(Optional<Direction> value) {
            this.direction = value;
            return this;
        }
        public Builder direction(Direction value) {
            this.direction = Optional.of(value);
            return this;
        }
        public Builder unknownAttributes(List<UnknownAttribute> value) {
            this.unknownAttributes = value;
            return this;
        }
        public Builder addUnknownAttribute(UnknownAttribute value) {
            if (!(this.unknownAttributes instanceof ArrayList)) {
                this.unknownAttributes = new ArrayList<>(this.unknownAttributes);
            }
            this.unknownAttributes.add(value);
            return this;
        }
        public Builder media(List<MediaDescription> value) {
            this.media = value;
            return this;
        }
        public Builder addMedia(MediaDescription value) {
            if (!(this.media instanceof ArrayList)) {
                this.media = new ArrayList<>(this.media);
            }
            this.media.add(value);
            return this;
        }

        public SessionDescription build() {
            return new SessionDescription(origin, sessionName, information, uri, emails, phones, connection,
                    bandwidths, timings, timeZones, iceLite, iceUfrag, icePwd, iceOptions, fingerprints, setup,
                    groups, extmapAllowMixed, msidSemantics, extmaps, direction, unknownAttributes, media);
        }
    }
}
