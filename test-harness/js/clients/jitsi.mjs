// Jitsi Meet: Jicofo (the focus, Java/Kotlin) offers; the browser's lib-jitsi-meet answers from its SDP.
// Jicofo, modelled on jitsi/jicofo at 7ebb13dc (2026-08-19, tag jitsi-meet_11189):
//   jicofo/src/main/java/org/jitsi/jicofo/codec/JingleOfferFactory.java  contents audio, video, data
//                 (creator initiator, senders both); audio: rtp-hdrext then payload-types, extmap-allow-mixed,
//                 description@maxptime=60; video: payload-types then rtp-hdrext, extmap-allow-mixed;
//                 data: <description media='application'/> in the RTP namespace
//   jicofo-common/src/main/kotlin/org/jitsi/jicofo/codec/CodecUtil.kt + reference.conf  default codecs: opus 111
//                 (minptime 10, useinbandfec 1, transport-cc), telephone-event 126; AV1 41, VP8 100, H264 107 (one
//                 parameter profile-level-id='42e01f;level-asymmetry-allowed=1;packetization-mode=1;'), VP9 101,
//                 rtx 42/96/97/99 with apt; video rtcp-fb ccm fir, nack, nack pli, goog-remb, transport-cc;
//                 extensions 1 audio-level, 10 mid, 5 tcc (audio); 11 av1-dd, 10 mid, 3 abs-send-time, 5 tcc (video)
//   jicofo/src/main/java/org/jitsi/jicofo/conference/ParticipantInviteRunnable.java updateOffer(): the empty
//                 transport is replaced by the bridge's (appended after the description), data gets
//                 <sctpmap number streams='1024'/>, every RTP description gets <rtcp-mux/>; extensions
//                 bridge-session(id, region)
//   jicofo-common/.../xmpp/jingle/JingleSession.kt, xmpp/JingleUtils.kt  session-initiate(action, initiator, sid)
//                 + BUNDLE group of all contents; sendTransportInfo(): ICE restart, one content 'audio' with the
//                 bridge's new transport; source-add with sources
//   jicofo-common/.../conference/source/Source.kt  source(ssrc, name, videoType) with ssrc-info(owner) and
//                 parameter msid
// lib-jitsi-meet, modelled on jitsi/lib-jitsi-meet at 01daa07c (2026-08-20):
//   modules/sdp/SDP.ts toJingle()/transportToJingle(), modules/sdp/SDPUtil.ts parseRTPMap(), parseFmtp(),
//   candidateToJingle(), modules/xmpp/JingleSessionPC.ts _sendSessionAccept(), _sendIceCandidates(),
//   _sendIceRestartTransportInfo(), terminate().
import { el } from '../lib/xml.mjs';
import { NS } from '../lib/ns.mjs';
import * as S from '../lib/sdp.mjs';
import * as ids from '../lib/ids.mjs';


const FOCUS = 'focus@auth.meet.example/focus';
const ROOM = 'room1@conference.meet.example';
const ME = ROOM + '/0d1e2f3a';
const OTHER = '7f3a9c21';
const sid = ids.base36('jitsi-sid', 13);

const iq = (label, from, to, jingle) => el('iq', { xmlns: NS.client, type: 'set', id: ids.uuid('jitsi-iq-' + label),
  from, to }, jingle);

function pt(id, name, clockrate, channels, params, fbs) {
  return el('payload-type', { id, name, clockrate, channels },
    (params ?? []).map(([n, v]) => el('parameter', { name: n, value: v })),
    (fbs ?? []).map(([type, subtype]) => el('rtcp-fb', { xmlns: NS.fb, type, subtype })));
}

const VIDEO_FB = [['ccm', 'fir'], ['nack', null], ['nack', 'pli'], ['goog-remb', null], ['transport-cc', null]];
const RTX_FB = [['ccm', 'fir'], ['nack', null], ['nack', 'pli']];
const hdrext = (id, uri) => el('rtp-hdrext', { xmlns: NS.hdrext, id, uri });

function ssrcOf(label) {
  return String(ids.bytes('jitsi-ssrc-' + label, 4).readUInt32BE());
}

function source(ssrc, name, msid, owner, videoType) {
  return el('source', { xmlns: NS.ssma, ssrc, name, videoType },
    el('ssrc-info', { xmlns: NS.jitmeet, owner }), el('parameter', { name: 'msid', value: msid }));
}

function audioSources() {
  return [
    source(ssrcOf('jvb-a'), 'jvb-a0', 'mixedmslabel mixedlabelaudio0', 'jvb'),
    source(ssrcOf('other-a'), OTHER + '-a0', OTHER + '-audio-0-1 ' + ids.uuid('jitsi-track-a'), ROOM + '/' + OTHER),
  ];
}

function videoSources() {
  const layers = [0, 1, 2].map((i) => ssrcOf('other-v' + i));
  const rtx = [0, 1, 2].map((i) => ssrcOf('other-r' + i));
  const msid = OTHER + '-video-0-1 ' + ids.uuid('jitsi-track-v');
  return [
    source(ssrcOf('jvb-v'), 'jvb-v0', 'mixedmslabel mixedlabelvideo0', 'jvb'),
    [...layers, ...rtx].map((ssrc) => source(ssrc, OTHER + '-v0', msid, ROOM + '/' + OTHER, 'camera')),
    el('ssrc-group', { xmlns: NS.ssma, semantics: 'SIM' }, layers.map((ssrc) => el('source', { ssrc }))),
    layers.map((ssrc, i) => el('ssrc-group', { xmlns: NS.ssma, semantics: 'FID' },
      el('source', { ssrc }), el('source', { ssrc: rtx[i] }))),
  ];
}

function bridgeTransport(label, withSctp, generation = null) {
  return el('transport', { xmlns: NS.ice, ufrag: ids.base36('jvb-ufrag-' + label, 14), pwd: ids.base36('jvb-pwd-' + label, 26),
    'ice-generation': generation },
  el('web-socket', { xmlns: NS.colibri, url: 'wss://jvb1.meet.example/colibri-ws/default-id/' + ids.hex('jitsi-conf', 16)
      + '/0d1e2f3a?pwd=' + ids.base36('jvb-pwd-' + label, 26) }),
  el('rtcp-mux'),
  el('fingerprint', { xmlns: NS.dtls, hash: 'sha-256', setup: 'actpass', cryptex: 'true' }, ids.fingerprintHex('jvb-fp-' + label)),
  el('candidate', { component: '1', foundation: '1', generation: '0', id: ids.hex('jvb-c1-' + label, 13), ip: '192.0.2.2',
    network: '0', port: '10000', priority: '2130706431', protocol: 'udp', type: 'host' }),
  el('candidate', { component: '1', foundation: '2', generation: '0', id: ids.hex('jvb-c2-' + label, 13), ip: '203.0.113.10',
    network: '0', port: '10000', priority: '1694498815', protocol: 'udp', 'rel-addr': '192.0.2.2', 'rel-port': '10000',
    type: 'srflx' }),
  withSctp ? el('sctpmap', { xmlns: NS.sctp, number: '5000', protocol: 'webrtc-datachannel', streams: '1024' }) : null);
}

function jicofoInitiate() {
  const audio = el('content', { creator: 'initiator', name: 'audio', senders: 'both' },
    el('description', { xmlns: NS.rtp, media: 'audio', maxptime: '60' },
      hdrext('1', 'urn:ietf:params:rtp-hdrext:ssrc-audio-level'),
      hdrext('10', 'urn:ietf:params:rtp-hdrext:sdes:mid'),
      hdrext('5', 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01'),
      pt('111', 'opus', '48000', '2', [['minptime', '10'], ['useinbandfec', '1']], [['transport-cc', null]]),
      pt('126', 'telephone-event', '8000'),
      el('extmap-allow-mixed', { xmlns: NS.hdrext }),
      el('rtcp-mux'),
      audioSources()),
    bridgeTransport('main', false));
  const video = el('content', { creator: 'initiator', name: 'video', senders: 'both' },
    el('description', { xmlns: NS.rtp, media: 'video' },
      pt('41', 'AV1', '90000', null, [], VIDEO_FB),
      pt('100', 'VP8', '90000', null, [], VIDEO_FB),
      pt('107', 'H264', '90000', null, [['profile-level-id', '42e01f;level-asymmetry-allowed=1;packetization-mode=1;']],
        VIDEO_FB),
      pt('101', 'VP9', '90000', null, [], VIDEO_FB),
      pt('42', 'rtx', '90000', null, [['apt', '41']], RTX_FB),
      pt('96', 'rtx', '90000', null, [['apt', '100']], RTX_FB),
      pt('97', 'rtx', '90000', null, [['apt', '101']], RTX_FB),
      pt('99', 'rtx', '90000', null, [['apt', '107']]),
      hdrext('11', 'https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension'),
      hdrext('10', 'urn:ietf:params:rtp-hdrext:sdes:mid'),
      hdrext('3', 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time'),
      hdrext('5', 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01'),
      el('extmap-allow-mixed', { xmlns: NS.hdrext }),
      el('rtcp-mux'),
      videoSources()),
    bridgeTransport('main', false));
  const data = el('content', { creator: 'initiator', name: 'data', senders: 'both' },
    el('description', { xmlns: NS.rtp, media: 'application' }), bridgeTransport('main', true));
  return iq('si', FOCUS, ME, el('jingle', { xmlns: NS.jingle, action: 'session-initiate', initiator: FOCUS, sid },
    audio, video, data,
    el('group', { xmlns: NS.group, semantics: 'BUNDLE' }, ['audio', 'video', 'data'].map((name) => el('content', { name }))),
    el('bridge-session', { xmlns: NS.focus, id: ids.uuid('jitsi-bridge-session'), region: 'region1' })));
}

const MID_TO_NAME = { 0: 'audio', 1: 'video', 2: 'data' };

// lib-jitsi-meet's SDP.transportToJingle() for one m-line.
function ljmTransport(sdp, section, extraAttrs = {}) {
  const children = [];
  const sctpPort = S.mattr(sdp, section, 'sctp-port');
  if (sctpPort !== null) {
    children.push(el('sctpmap', { xmlns: NS.sctp, number: sctpPort, protocol: 'webrtc-datachannel', streams: '0' }));
  }
  const fp = S.fingerprint(sdp, section);
  children.push(el('fingerprint', { xmlns: NS.dtls, hash: fp.hash, setup: fp.setup }, fp.hex));
  for (const line of S.attrs(section, 'candidate')) {
    children.push(ljmCandidate('candidate:' + line, 'tr-' + line));
  }
  return el('transport', { pwd: S.mattr(sdp, section, 'ice-pwd'), ufrag: S.mattr(sdp, section, 'ice-ufrag'), xmlns: NS.ice,
    ...extraAttrs }, children);
}

function ljmCandidate(candidate, label) {
  const c = S.parseCandidate(candidate);
  return el('candidate', { foundation: c.foundation, component: c.component, protocol: c.protocol.toLowerCase(),
    priority: c.priority, ip: c.ip, port: c.port, type: c.type, generation: c.ext.generation ?? '0',
    'rel-addr': c.ext.raddr, 'rel-port': c.ext.rport, tcptype: c.ext.tcptype, network: '1',
    id: ids.base36('ljm-cand-' + label, 10) });
}

// lib-jitsi-meet's SDP.toJingle() for a session-accept in a bridge (non-P2P) session.
function ljmAccept(sdp) {
  const children = [];
  const group = S.attr(sdp.session, 'group');
  if (group !== null) {
    children.push(el('group', { semantics: group.split(' ')[0], xmlns: NS.group },
      ['audio', 'video', 'data'].map((name) => el('content', { name }))));
  }
  for (const section of sdp.media) {
    const media = section.kind === 'application' ? 'data' : section.kind;
    const parts = [];
    if (media === 'audio' || media === 'video') {
      const d = [];
      for (const format of section.fmts) {
        const map = S.rtpmaps(section).find((r) => r.id === format);
        if (!map) {
          continue;
        }
        const params = [];
        const fmtp = S.fmtp(section, format);
        if (fmtp !== null) {
          for (const token of fmtp.split(';')) {
            const [key, value] = token.split('=');
            const name = key.trimStart();
            if (name && value) {
              params.push(el('parameter', { name, value }));
            } else if (name) {
              params.push(el('parameter', { name: '', value: name }));
            }
          }
        }
        const fbs = S.rtcpFbs(section, format).map((fb) => (fb.type === 'trr-int'
          ? el('rtcp-fb-trr-int', { value: fb.subtype, xmlns: NS.fb })
          : el('rtcp-fb', { type: fb.type, xmlns: NS.fb, subtype: fb.subtype })));
        d.push(el('payload-type', { id: map.id, name: map.name, clockrate: map.clockrate, channels: map.channels ?? '1' },
          params, fbs));
      }
      const bySsrc = new Map();
      for (const line of S.ssrcLines(section)) {
        if (!bySsrc.has(line.ssrc)) {
          bySsrc.set(line.ssrc, {});
        }
        bySsrc.get(line.ssrc)[line.name] = line.value;
      }
      for (const [ssrc, params] of bySsrc) {
        // LocalSdpMunger adds `name` (<endpoint>-a0/-v0) and, for video, `videoType` ssrc attributes.
        const name = '0d1e2f3a-' + (media === 'audio' ? 'a0' : 'v0');
        d.push(el('source', { name, ssrc, videoType: media === 'video' ? 'camera' : null, xmlns: NS.ssma },
          params.msid ? el('parameter', { name: 'msid', value: params.msid }) : null));
      }
      for (const group of S.ssrcGroups(section)) {
        d.push(el('ssrc-group', { semantics: group.semantics, xmlns: NS.ssma },
          group.ssrcs.map((ssrc) => el('source', { ssrc }))));
      }
      if (S.has(section, 'rtcp-mux')) {
        d.push(el('rtcp-mux'));
      }
      for (const fb of S.rtcpFbs(section, '*')) {
        d.push(el('rtcp-fb', { type: fb.type, xmlns: NS.fb, subtype: fb.subtype }));
      }
      const senders = { sendonly: 'responder', recvonly: 'initiator', sendrecv: 'both', inactive: 'none' };
      for (const ext of S.extmaps(section)) {
        d.push(el('rtp-hdrext', { id: ext.id, uri: ext.uri, xmlns: NS.hdrext,
          senders: ext.direction ? senders[ext.direction] : null }));
      }
      if (S.has(section, 'extmap-allow-mixed') || S.has(sdp.session, 'extmap-allow-mixed')) {
        d.push(el('extmap-allow-mixed', { xmlns: NS.hdrext }));
      }
      parts.push(el('description', { media, xmlns: NS.rtp }, d));
    }
    parts.push(ljmTransport(sdp, section));
    const dir = S.direction(section);
    const senders = { sendrecv: 'both', sendonly: 'initiator', recvonly: 'responder', inactive: 'none' }[dir] ?? null;
    children.push(el('content', { creator: 'responder', name: media, senders }, parts));
  }
  return children;
}

export async function generate({ sdp, candidates }) {
  const out = [];
  const add = (file, node, note) => out.push({ file, node, note });

  add('session-initiate-jicofo.xml', jicofoInitiate(),
    'Jicofo\'s offer to a participant joining a room with one other participant (audio + simulcast video with '
      + 'RTX) and the bridge\'s own feedback sources, default reference.conf codecs, one bridge transport per content');

  const answer = await sdp('chrome/audio-video-data-answer.sdp');
  add('session-accept-audio-video-data.xml', iq('sa', ME, FOCUS, el('jingle', { xmlns: NS.jingle, action: 'session-accept',
    initiator: FOCUS, responder: ME, sid }, ljmAccept(answer))),
  'lib-jitsi-meet _sendSessionAccept(): SDP.toJingle(responder) on ../chrome/audio-video-data-answer.sdp');

  const answerSection = answer.media[0];
  const events = (await candidates('chrome/audio-video-data-answer.candidates.json'))
    .filter((e) => e !== null && e.candidate);
  const fp = S.fingerprint(answer, answerSection);
  add('transport-info-candidates.xml', iq('ti', ME, FOCUS, el('jingle', { xmlns: NS.jingle, action: 'transport-info',
    initiator: FOCUS, sid },
  el('content', { creator: 'responder', name: MID_TO_NAME[events[0].sdpMid] ?? events[0].sdpMid },
    el('transport', { pwd: S.attr(answerSection, 'ice-pwd'), ufrag: S.attr(answerSection, 'ice-ufrag'), xmlns: NS.ice },
      events.map((e, i) => ljmCandidate(e.candidate, 'ti-' + i)),
      el('fingerprint', { xmlns: NS.dtls, hash: fp.hash, required: 'true' }, fp.hex))))),
  'lib-jitsi-meet _sendIceCandidates(): the batched candidates of ../chrome/audio-video-data-answer.candidates.json '
    + 'in one transport-info, with ufrag/pwd and a fingerprint marked required="true"');

  const restartAnswer = await sdp('chrome/ice-restart-answer-gathered.sdp');
  add('transport-info-ice-restart-client.xml', iq('ti-restart', ME, FOCUS, el('jingle', { xmlns: NS.jingle,
    action: 'transport-info', initiator: FOCUS, sid },
  restartAnswer.media.map((section) => el('content', { creator: 'responder', name: section.kind },
    ljmTransport(restartAnswer, section, { 'ice-generation': '1' }))))),
  'lib-jitsi-meet _sendIceRestartTransportInfo(): every m-line of ../chrome/ice-restart-answer-gathered.sdp as a '
    + 'full transport tagged ice-generation="1"; content names are the m-line media ("application", not "data")');
  add('transport-info-ice-restart-jicofo.xml', iq('ti-restart-focus', FOCUS, ME, el('jingle', { xmlns: NS.jingle,
    action: 'transport-info', sid }, el('content', { creator: 'initiator', name: 'audio' },
    bridgeTransport('restart', false, '1')))),
  'Jicofo JingleSession.sendTransportInfo(): the bridge\'s new transport after its ICE restart, on content "audio" only');

  add('source-add-jicofo.xml', iq('source-add', FOCUS, ME, el('jingle', { xmlns: NS.jingle, action: 'source-add',
    initiator: FOCUS, sid },
  el('content', { name: 'audio' }, el('description', { xmlns: NS.rtp, media: 'audio' },
    source(ssrcOf('third-a'), '5c6d7e8f-a0', '5c6d7e8f-audio-0-1 ' + ids.uuid('jitsi-track-3'), ROOM + '/5c6d7e8f')))),
  ),
  'Jicofo addSource(): the non-standard source-add action a gateway in a Jitsi room receives');

  add('session-terminate-client.xml', iq('st', ME, FOCUS, el('jingle', { xmlns: NS.jingle, action: 'session-terminate',
    initiator: FOCUS, sid }, el('reason', {}, el('success')),
  el('bridge-session', { id: ids.uuid('jitsi-bridge-session'), restart: 'false', xmlns: NS.focus }))),
  'lib-jitsi-meet terminate(): reason success and the bridge-session it was using');
  return out;
}

export const SOURCE = {
  name: 'Jitsi Meet (Jicofo and lib-jitsi-meet)',
  repo: 'jitsi/jicofo at 7ebb13dc353953abaeec2d9ee42b735f39eaa454 (2026-08-19, tag jitsi-meet_11189) and '
    + 'jitsi/lib-jitsi-meet',
  commit: '01daa07c3f8cea97722246704e36b9af38e30b0a (2026-08-20)',
  files: [
    'jicofo/src/main/java/org/jitsi/jicofo/codec/JingleOfferFactory.java',
    'jicofo-common/src/main/kotlin/org/jitsi/jicofo/codec/CodecUtil.kt, jicofo-common/src/main/resources/reference.conf',
    'jicofo/src/main/java/org/jitsi/jicofo/conference/ParticipantInviteRunnable.java',
    'jicofo-common/src/main/kotlin/org/jitsi/jicofo/xmpp/jingle/JingleSession.kt, xmpp/JingleUtils.kt',
    'jicofo-common/src/main/kotlin/org/jitsi/jicofo/conference/source/Source.kt',
    'lib-jitsi-meet: modules/sdp/SDP.ts, modules/sdp/SDPUtil.ts, modules/xmpp/JingleSessionPC.ts',
  ],
  input: 'Jicofo builds its offer from its configuration (copied as data); the bridge\'s transport (ufrag, pwd, '
    + 'fingerprint, candidates, and a colibri `<web-socket/>` when the bridge offers web sockets) comes from the '
    + 'videobridge and is a stand-in of the usual shape; the order of its children is the bridge\'s and not fixed by '
    + 'Jicofo. '
    + 'lib-jitsi-meet\'s stanzas are made from the Chromium SDP and candidates of ../chrome (a Chromium-to-Chromium '
    + 'answer, so its codecs are not the ones Jicofo offers; in a real room the mids would be audio/video/data).',
  notes: [
    'Jicofo sends to the participant\'s MUC occupant JID, from focus@auth.<domain>/focus; contents are named '
      + '"audio", "video", "data" (not mids), each with its own copy of the one bundled bridge transport.',
    'Jicofo\'s H264 payload type carries ONE parameter `profile-level-id` whose value is '
      + '`42e01f;level-asymmetry-allowed=1;packetization-mode=1;`: the other fmtp parameters ride inside it.',
    'The data content is `<description xmlns=\'urn:xmpp:jingle:apps:rtp:1\' media=\'application\'/>` plus an old-style '
      + '`<sctpmap number=\'5000\' protocol=\'webrtc-datachannel\' streams=\'1024\'/>` in the transport.',
    'Non-standard elements a gateway must ignore or understand: `<web-socket/>` (colibri), `<ssrc-info owner/>`, '
      + 'source `name` and `videoType` attributes, `<bridge-session/>`, fingerprint `cryptex=\'true\'`, transport '
      + '`ice-generation`, and the actions `source-add`/`source-remove`.',
    'lib-jitsi-meet writes `creator=\'responder\'` on the contents of its session-accept and transport-info, a '
      + 'value-only fmtp token as `<parameter name=\'\' value=\'111/111\'/>`, `channels=\'1\'` on every payload type, '
      + 'candidates with `network=\'1\'`, a random base-36 `id` and a non-standard `tcptype` attribute, and batches '
      + 'all candidates of a content in one transport-info whose fingerprint has `required=\'true\'`.',
    'Its ICE restart transport-info names contents by m-line media, so the data content is "application" there.',
    'The source `name` / `videoType` values in the session-accept are what lib-jitsi-meet\'s SDP munging adds '
      + '(<endpoint>-a0, -v0, camera); Jitsi\'s simulcast munging (SIM groups) is not applied to the Chromium answer.',
  ],
};
