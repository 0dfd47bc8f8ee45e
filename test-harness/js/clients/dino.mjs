// Dino (GTK, GStreamer + libnice): builds Jingle from its own codec table, not from SDP.
// Modelled on dino/dino at 45723ac2 (2026-06-07, after v0.5.0):
//   xmpp-vala/src/module/xep/0166_jingle/jingle_module.vala  session-initiate: jingle(action, initiator, sid);
//                                        content(creator='initiator', name, senders='both' always) with
//                                        description, transport (and security for OMEMO, not used here)
//   xmpp-vala/src/module/xep/0166_jingle/session.vala    session-accept: jingle(action, sid) without initiator;
//                                        other actions via build_outer_session_node(action, initiator, sid);
//                                        session-terminate: jingle(action, sid) + reason (+ text)
//   xmpp-vala/src/module/xep/0167_jingle_rtp/content_parameters.vala get_description_node(): media; all
//                                        payload-types (or only the agreed one in an answer), rtp-hdrext,
//                                        <encryption><crypto/></encryption> (SDES key), <rtcp-mux/>
//   xmpp-vala/src/module/xep/0167_jingle_rtp/payload_type.vala to_xml(): id, channels (only != 1),
//                                        clockrate, maxptime, name, ptime; parameters, then rtcp-fb
//   xmpp-vala/src/module/xep/0167_jingle_rtp/session_info_type.vala ringing, mute(name, creator)
//   xmpp-vala/src/module/xep/0176_jingle_ice_udp/transport_parameters.vala transport(ufrag, pwd); fingerprint
//                                        (sha-256, setup) except in transport-info; all unsent candidates in
//                                        initiate/accept, exactly one per transport-info
//   xmpp-vala/src/module/xep/0176_jingle_ice_udp/candidate.vala to_xml(): component, foundation, generation,
//                                        id, ip, network, port, priority, protocol, type, rel-addr, rel-port
//   plugins/ice/src/transport_parameters.vala  libnice candidates: id = 8 hex digits, generation 0,
//                                        network 0, protocol udp; setup actpass (initiator) / active
//   plugins/rtp/src/module.vala           audio: opus 111 (useinbandfec=1), speex 112/113/114, G722 9,
//                                        PCMU 0, PCMA 8; video: VP8 98 with goog-remb, ccm fir, nack, nack pli
//                                        (H264 96 and VP9 97 only in builds with those meson options, off by
//                                        default); rtp-hdrext 1 urn:3gpp:video-orientation for video
//   plugins/rtp/src/module.vala generate_local_crypto(): AES_CM_128_HMAC_SHA1_80, inline:<30 bytes b64>, tag 1
//   xmpp-vala/src/module/xep/0353_jingle_message_initiation.vala  propose/retract/accept/reject/proceed,
//                                        type chat, no hints; no ringing, no finish
import { el } from '../lib/xml.mjs';
import { NS } from '../lib/ns.mjs';
import * as ids from '../lib/ids.mjs';


export const SELF = 'romeo@example.net/dino.e1b2c3d4';
export const PEER = 'juliet@example.com/balcony';
const sid = ids.uuid('dino-sid');

function iq(label, to, jingle) {
  return el('iq', { xmlns: NS.client, type: 'set', id: ids.uuid('dino-iq-' + label), to, from: SELF }, jingle);
}

const AUDIO = [
  { id: '111', channels: '2', clockrate: '48000', name: 'opus', params: [['useinbandfec', '1']] },
  { id: '112', clockrate: '32000', name: 'speex' },
  { id: '113', clockrate: '16000', name: 'speex' },
  { id: '114', clockrate: '8000', name: 'speex' },
  { id: '9', clockrate: '8000', name: 'G722' },
  { id: '0', clockrate: '8000', name: 'PCMU' },
  { id: '8', clockrate: '8000', name: 'PCMA' },
];
const VIDEO_FB = [['goog-remb', null], ['ccm', 'fir'], ['nack', null], ['nack', 'pli']];
const VIDEO = [{ id: '98', clockrate: '90000', name: 'VP8', fbs: VIDEO_FB }];

function payloadType(pt) {
  return el('payload-type', { id: pt.id, channels: pt.channels, clockrate: pt.clockrate, name: pt.name },
    (pt.params ?? []).map(([name, value]) => el('parameter', { name, value })),
    (pt.fbs ?? []).map(([type, subtype]) => el('rtcp-fb', { xmlns: NS.fb, type, subtype })));
}

function description(media, pts, label) {
  const key = ids.bytes('dino-srtp-' + label, 30).toString('base64');
  return el('description', { xmlns: NS.rtp, media },
    pts.map(payloadType),
    media === 'video' ? el('rtp-hdrext', { xmlns: NS.hdrext, id: '1', uri: 'urn:3gpp:video-orientation' }) : null,
    el('encryption', {}, el('crypto', { 'crypto-suite': 'AES_CM_128_HMAC_SHA1_80', 'key-params': 'inline:' + key, tag: '1' })),
    el('rtcp-mux'));
}

// libnice host candidates for both components (RTP and RTCP) on this machine's addresses.
function candidates(label) {
  const out = [];
  let foundation = 1;
  for (const [ip, localPref] of [['192.0.2.2', 1], ['fd00::2', 0]]) {
    for (const component of [1, 2]) {
      out.push(el('candidate', {
        component: String(component),
        foundation: String(foundation),
        generation: '0',
        id: ids.hex('dino-cand-' + label + ip + component, 8),
        ip,
        network: '0',
        port: String(40000 + (ids.bytes('dino-port-' + label + ip + component, 2).readUInt16BE() % 20000)),
        priority: String(120 * 2 ** 24 + localPref * 2 ** 8 + (256 - component)),
        protocol: 'udp',
        type: 'host',
      }));
    }
    foundation++;
  }
  return out;
}

function transport(label, setup, withCandidates = true) {
  return el('transport', { xmlns: NS.ice, ufrag: ids.iceChars('dino-ufrag-' + label, 4),
    pwd: ids.iceChars('dino-pwd-' + label, 22) },
  setup ? el('fingerprint', { xmlns: NS.dtls, hash: 'sha-256', setup }, ids.fingerprintHex('dino-fp-' + label)) : null,
  withCandidates ? candidates(label) : []);
}

function content(name, media, pts, label, setup) {
  return el('content', { creator: 'initiator', name, senders: 'both' },
    description(media, pts, label), transport(label, setup));
}

function message(label, to, child) {
  return el('message', { xmlns: NS.client, id: ids.uuid('dino-msg-' + label), type: 'chat', to, from: SELF }, child);
}

export async function generate() {
  const out = [];
  const add = (file, node, note) => out.push({ file, node, note });
  const bare = (jid) => jid.split('/')[0];
  add('session-initiate-audio.xml', iq('si-a', PEER, el('jingle', { xmlns: NS.jingle, action: 'session-initiate',
    initiator: SELF, sid }, content('audio', 'audio', AUDIO, 'audio', 'actpass'))),
  'Jingle.Module.create_session() for an audio call: every supported payload type, SDES crypto, DTLS '
    + 'fingerprint, and the host candidates libnice had gathered (components 1 and 2)');
  add('session-initiate-audio-video.xml', iq('si-av', PEER, el('jingle', { xmlns: NS.jingle,
    action: 'session-initiate', initiator: SELF, sid },
  content('audio', 'audio', AUDIO, 'audio', 'actpass'), content('video', 'video', VIDEO, 'video', 'actpass'))),
  'the same for a video call: contents "audio" and "video", no XEP-0338 group, no sources');
  add('session-accept-audio.xml', iq('sa-a', PEER, el('jingle', { xmlns: NS.jingle, action: 'session-accept', sid },
    content('audio', 'audio', [AUDIO[0]], 'accept-audio', 'active'))),
  'Session.accept() as responder: only the agreed payload type (opus), setup active, no initiator attribute');
  add('transport-info-candidate.xml', iq('ti', PEER, el('jingle', { xmlns: NS.jingle, action: 'transport-info',
    initiator: SELF, sid }, el('content', { creator: 'initiator', name: 'audio' },
    el('transport', { xmlns: NS.ice, ufrag: ids.iceChars('dino-ufrag-audio', 4), pwd: ids.iceChars('dino-pwd-audio', 22) },
      el('candidate', { component: '1', foundation: '3', generation: '0', id: ids.hex('dino-cand-late', 8),
        ip: '192.0.2.2', network: '0', port: '47012', priority: String(100 * 2 ** 24 + 1 * 2 ** 8 + 255),
        protocol: 'udp', type: 'srflx', 'rel-addr': '192.0.2.2', 'rel-port': '45231' }))))),
  'a candidate gathered after the session-initiate: one candidate per transport-info, ufrag and pwd, no '
    + 'fingerprint (srflx with rel-addr/rel-port, as libnice reports it)');
  add('session-info-ringing.xml', iq('ring', PEER, el('jingle', { xmlns: NS.jingle, action: 'session-info',
    initiator: PEER, sid }, el('ringing', { xmlns: NS.info }))),
  'send_ringing() by the responder (initiator attribute = the peer who initiated)');
  add('session-info-mute.xml', iq('mute', PEER, el('jingle', { xmlns: NS.jingle, action: 'session-info',
    initiator: SELF, sid }, el('mute', { xmlns: NS.info, name: 'audio', creator: 'initiator' }))),
  'send_mute(true, "audio"): one <mute/> per matching content, with name and creator');
  add('session-terminate-success.xml', iq('st', PEER, el('jingle', { xmlns: NS.jingle, action: 'session-terminate', sid },
    el('reason', {}, el('success')))), 'Session.terminate(success, null): no initiator attribute, no text');
  add('session-terminate-decline.xml', iq('st-decline', PEER, el('jingle', { xmlns: NS.jingle,
    action: 'session-terminate', sid }, el('reason', {}, el('decline'), el('text', {}, 'declined')))),
  'Session.terminate(decline, "declined"): reason with text');
  add('jmi-propose-audio.xml', message('propose-a', bare(PEER), el('propose', { xmlns: NS.jmi, id: sid },
    el('description', { xmlns: NS.rtp, media: 'audio' }))), 'send_session_propose_to_peer() for an audio call');
  add('jmi-propose-audio-video.xml', message('propose-av', bare(PEER), el('propose', { xmlns: NS.jmi, id: sid },
    el('description', { xmlns: NS.rtp, media: 'audio' }), el('description', { xmlns: NS.rtp, media: 'video' }))),
  'the same for a video call');
  add('jmi-retract.xml', message('retract', bare(PEER), el('retract', { xmlns: NS.jmi, id: sid })),
    'send_session_retract_to_peer()');
  add('jmi-accept.xml', message('accept', bare(SELF), el('accept', { xmlns: NS.jmi, id: sid })),
    'send_session_accept_to_self()');
  add('jmi-proceed.xml', message('proceed', PEER, el('proceed', { xmlns: NS.jmi, id: sid })),
    'send_session_proceed_to_peer() (to the proposer\'s full JID)');
  add('jmi-reject.xml', message('reject', PEER, el('reject', { xmlns: NS.jmi, id: sid })),
    'send_session_reject_to_peer()');
  return out;
}

export const SOURCE = {
  name: 'Dino',
  repo: 'dino/dino, branch master',
  commit: '45723ac201c1905571f9f78c8c970828db97139a (2026-06-07; last tag v0.5.0), default meson options '
    + '(H264 and VP9 off)',
  files: [
    'xmpp-vala/src/module/xep/0166_jingle/jingle_module.vala, session.vala, content.vala',
    'xmpp-vala/src/module/xep/0167_jingle_rtp/content_parameters.vala, payload_type.vala, session_info_type.vala',
    'xmpp-vala/src/module/xep/0167_jingle_rtp/jingle_rtp_module.vala (Crypto.create)',
    'xmpp-vala/src/module/xep/0176_jingle_ice_udp/transport_parameters.vala, candidate.vala',
    'xmpp-vala/src/module/xep/0353_jingle_message_initiation.vala',
    'plugins/ice/src/transport_parameters.vala, plugins/rtp/src/module.vala',
  ],
  input: 'none: Dino builds Jingle from its own codec table (copied as data) and libnice candidates; addresses '
    + 'are this machine\'s (192.0.2.2, fd00::2), ports, ids, keys and fingerprints are deterministic stand-ins.',
  notes: [
    'No XEP-0338 `<group/>`, no XEP-0339 sources/ssrc, no XEP-0294 extmap-allow-mixed, no rtcp-fb at description level.',
    '`senders=\'both\'` is always written; `initiator` is on every jingle except session-accept and session-terminate.',
    'Both SDES (`<encryption><crypto/>`) and a DTLS fingerprint are offered; a WebRTC peer can only use DTLS.',
    'Candidates for component 2 (RTCP) are sent although `<rtcp-mux/>` is offered; every candidate has `id` '
      + '(8 hex digits), `generation=\'0\'` and `network=\'0\'`; foundations are small integers.',
    'Priorities follow libnice\'s formula (type preference 120 for host, 100 for srflx); ports and ids are stand-ins.',
    'Dino does not do ICE restarts and has no XEP-0353 ringing/finish, so there are no such samples.',
  ],
};
