// Gajim 2.5 (GTK, Farstream): builds Jingle from Farstream's codecs and candidates, not from SDP.
// Modelled on gajim/gajim at 67350349 (2026-08-08, tag 2.5.0):
//   gajim/common/jingle_session.py  __make_jingle(): iq(type set, to, from) + jingle(action, sid, initiator) for
//                                   every action; __append_content(): content(name, creator, senders);
//                                   _session_terminate(): reason element inside the jingle; decline/cancel/success
//   gajim/common/jingle_content.py  senders default 'both'; send_candidate(): one transport-info per candidate
//   gajim/common/jingle_rtp.py      _fill_content(): description(media) with iter_codecs(): payload-type(name,
//                                   id, channels if > 0, clockrate if set) + parameter(name, value) children;
//                                   audio preferences OPUS, SPEEX/32000, G722, SPEEX/16000, PCMA, PCMU,
//                                   SPEEX/8000, AMR + telephone-event (Farstream: one per clock rate, with
//                                   events=0-15); video VP8, H264
//   gajim/common/jingle_transport.py JingleTransportICEUDP.make_candidate(): component, foundation '1' (a fixed
//                                   value), generation '0', ip, network '0', port, priority, id (uuid4), type,
//                                   protocol; no rel-addr/rel-port; make_transport(): ufrag/pwd from the first
//                                   candidate
//   gajim/common/modules/jingle.py  content name 'voice' for audio, 'video' for video
// No DTLS, no SRTP, no rtcp-mux, no rtcp-fb, no rtp-hdrext, no sources: plain RTP over ICE. No XEP-0353.
import { el } from '../lib/xml.mjs';
import { NS } from '../lib/ns.mjs';
import * as ids from '../lib/ids.mjs';


export const SELF = 'romeo@example.net/gajim.Q2F7B1';
export const PEER = 'juliet@example.com/balcony';
const sid = ids.uuid('gajim-sid');

// Farstream's codec list as Gajim's preferences leave it: encoding names as GStreamer writes them
// (upper case OPUS/SPEEX), dynamic ids assigned by Farstream in preference order, channels 1 where set.
const AUDIO = [
  { name: 'OPUS', id: '96', channels: '2', clockrate: '48000' },
  { name: 'SPEEX', id: '97', channels: '1', clockrate: '32000' },
  { name: 'G722', id: '9', channels: '1', clockrate: '8000' },
  { name: 'SPEEX', id: '98', channels: '1', clockrate: '16000' },
  { name: 'PCMA', id: '8', channels: '1', clockrate: '8000' },
  { name: 'PCMU', id: '0', channels: '1', clockrate: '8000' },
  { name: 'SPEEX', id: '99', channels: '1', clockrate: '8000' },
  // Farstream adds one telephone-event per audio clock rate, each with an `events` parameter and no channels.
  { name: 'telephone-event', id: '100', clockrate: '48000', params: [['events', '0-15']] },
  { name: 'telephone-event', id: '101', clockrate: '32000', params: [['events', '0-15']] },
  { name: 'telephone-event', id: '102', clockrate: '16000', params: [['events', '0-15']] },
  { name: 'telephone-event', id: '103', clockrate: '8000', params: [['events', '0-15']] },
];
const VIDEO = [
  { name: 'VP8', id: '96', clockrate: '90000' },
  { name: 'H264', id: '97', clockrate: '90000' },
];

function iq(label, jingleAttrs, ...children) {
  return el('iq', { xmlns: NS.client, type: 'set', to: PEER, from: SELF, id: ids.uuid('gajim-iq-' + label) },
    el('jingle', { xmlns: NS.jingle, ...jingleAttrs }, children));
}

function payloadType(pt) {
  return el('payload-type', { name: pt.name, id: pt.id, channels: pt.channels, clockrate: pt.clockrate },
    (pt.params ?? []).map(([name, value]) => el('parameter', { name, value })));
}

function candidate(label, ip, component, port) {
  return el('candidate', {
    component: String(component),
    foundation: '1',
    generation: '0',
    ip,
    network: '0',
    port: String(port),
    priority: String(2013266431 - (component - 1) - (ip.includes(':') ? 256 : 0)),
    id: ids.uuid('gajim-cand-' + label + ip + component),
    type: 'host',
    protocol: 'udp',
  });
}

function transport(label, all = true) {
  const list = [];
  let port = 20000 + (ids.bytes('gajim-port-' + label, 2).readUInt16BE() % 30000);
  for (const ip of ['192.0.2.2', 'fd00::2']) {
    for (const component of [1, 2]) {
      list.push(candidate(label, ip, component, port++));
    }
  }
  return el('transport', { xmlns: NS.ice, ufrag: ids.iceChars('gajim-ufrag-' + label, 4),
    pwd: ids.iceChars('gajim-pwd-' + label, 22) }, all ? list : list.slice(0, 1));
}

function content(name, media, pts, label) {
  return el('content', { name, creator: 'initiator', senders: 'both' },
    el('description', { xmlns: NS.rtp, media }, pts.map(payloadType)), transport(label));
}

export async function generate() {
  const out = [];
  const add = (file, node, note) => out.push({ file, node, note });
  add('session-initiate-audio.xml', iq('si-a', { action: 'session-initiate', sid, initiator: SELF },
    content('voice', 'audio', AUDIO, 'voice')),
  'start_audio(): content "voice" with Farstream\'s audio codecs and the host candidates gathered so far');
  add('session-initiate-video.xml', iq('si-v', { action: 'session-initiate', sid, initiator: SELF },
    content('video', 'video', VIDEO, 'video')),
  'start_video(): content "video" with VP8 and H264');
  add('session-accept-audio.xml', iq('sa-a', { action: 'session-accept', sid, initiator: PEER },
    content('voice', 'audio', [AUDIO[0], AUDIO[4], AUDIO[5], AUDIO[7], AUDIO[10]], 'accept-voice')),
  'session-accept as responder to a "voice" content: the codecs both sides share, initiator = the peer');
  add('transport-info-candidate.xml', iq('ti', { action: 'transport-info', sid, initiator: SELF },
    el('content', { name: 'voice', creator: 'initiator', senders: 'both' }, transport('voice', false))),
  'send_candidate(): one candidate per transport-info, with ufrag/pwd and the content\'s senders');
  add('session-terminate-success.xml', iq('st', { action: 'session-terminate', sid, initiator: SELF },
    el('reason', {}, el('success'))), 'end_session() on an active call');
  add('session-terminate-decline.xml', iq('st-d', { action: 'session-terminate', sid, initiator: PEER },
    el('reason', {}, el('decline'))), 'decline_session() by the responder');
  add('session-terminate-cancel.xml', iq('st-c', { action: 'session-terminate', sid, initiator: SELF },
    el('reason', {}, el('cancel'))), 'end_session() before the call was accepted');
  return out;
}

export const SOURCE = {
  name: 'Gajim',
  repo: 'gajim/gajim, branch master',
  commit: '67350349e5b023ffbbeceea4c2e19681e55e4456 (2026-08-08; tag 2.5.0)',
  files: [
    'gajim/common/jingle_session.py',
    'gajim/common/jingle_content.py',
    'gajim/common/jingle_rtp.py',
    'gajim/common/jingle_transport.py',
    'gajim/common/modules/jingle.py',
  ],
  input: 'none: Gajim builds Jingle from Farstream\'s codecs and candidates. Codec names and static ids follow '
    + 'GStreamer/Farstream; the dynamic ids (96 and up) depend on Farstream\'s allocation and are stand-ins in '
    + 'preference order; addresses are this machine\'s, ports and ids deterministic stand-ins.',
  notes: [
    'Content name "voice" (not "audio") for audio; `senders=\'both\'` and `initiator` on every jingle, also '
      + 'on session-terminate and transport-info.',
    'Upper-case encoding names (`OPUS`, `SPEEX`) and `channels` on the codecs; one telephone-event per audio clock '
      + 'rate (Farstream adds them), without channels and with a named `events` parameter for what SDP writes as '
      + 'the value-only fmtp `0-15`.',
    'No DTLS fingerprint, no SDES crypto, no rtcp-mux: plain RTP over ICE with separate RTCP candidates '
      + '(component 2). A WebRTC peer cannot accept this without DTLS-SRTP; the gateway must refuse it clearly.',
    'Candidates: foundation always "1", `network=\'0\'`, `generation=\'0\'`, uuid4 `id`, no rel-addr/rel-port.',
    'No XEP-0353, no ICE restart, no session-info.',
  ],
};
